//! The data layer on SQLite and PostgreSQL: migrations, the reference data
//! load, region queries and write contention.

mod support;

use xieyu::error::AppError;
use xieyu::regions::{RegionLevel, load, service};

#[tokio::test]
async fn region_tree_loads_once() {
    for test in support::each_backend().await {
        let written = load::load_regions(&test.db).await.expect("first load");
        assert_eq!(written, 3351, "{}: rows written by the first load", test.backend);

        let again = load::load_regions(&test.db).await.expect("second load");
        assert_eq!(again, 0, "{}: the second load must find the data current", test.backend);

        let provinces = service::children(&test.db, None).await.expect("provinces");
        assert_eq!(provinces.len(), 31, "{}", test.backend);
        assert_eq!(provinces[0].code, "110000", "{}", test.backend);
        test.drop_database().await;
    }
}

#[tokio::test]
async fn region_path_and_children() {
    for test in support::each_backend().await {
        load::load_regions(&test.db).await.expect("load regions");

        let path = service::path(&test.db, "110101").await.expect("path of 东城区");
        let names: Vec<&str> = path.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["北京市", "市辖区", "东城区"], "{}", test.backend);
        assert_eq!(path[2].level, RegionLevel::County, "{}", test.backend);
        assert_eq!(path[2].full_name, "北京市东城区", "{}", test.backend);

        let counties = service::children(&test.db, Some("110100"))
            .await
            .expect("counties of 北京市");
        assert_eq!(counties.len(), 16, "{}", test.backend);

        let missing = service::path(&test.db, "999999").await.unwrap_err();
        assert_eq!(missing, AppError::NotFound, "{}", test.backend);

        let malformed = service::children(&test.db, Some("11")).await.unwrap_err();
        assert!(
            matches!(malformed, AppError::BadRequest(_)),
            "{}: {malformed:?}",
            test.backend
        );
        test.drop_database().await;
    }
}

/// Many concurrent writers: every one either commits or is told the system
/// is busy; none fails with an internal error.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_never_fail_internally() {
    for test in support::each_backend().await {
        let mut tasks = Vec::new();
        for i in 0..200 {
            let db = test.db.clone();
            tasks.push(tokio::spawn(async move {
                let txn = db.begin_write().await?;
                let name = format!("contention_{i}");
                xieyu::db::reference::store_checksum(&*txn, &name, "x").await?;
                txn.commit().await
            }));
        }

        let mut committed = 0;
        for task in tasks {
            match task.await.expect("task ran") {
                Ok(()) => committed += 1,
                Err(AppError::Busy) => {}
                Err(other) => panic!("{}: a writer failed with {other:?}", test.backend),
            }
        }
        assert!(committed > 0, "{}: no writer committed", test.backend);
        test.drop_database().await;
    }
}
