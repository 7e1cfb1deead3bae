//! Queries on the region tree.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{Region, entity, is_valid_code};
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Text;

fn invalid_code() -> AppError {
    AppError::BadRequest(Text::new(
        "区划代码应为 6 位数字，例如 110101",
        "A region code has six digits, for example 110101",
    ))
}

/// Regions directly below `parent`, or the provinces when `parent` is `None`,
/// ordered by code.
///
/// # Errors
///
/// [`AppError::BadRequest`] for a malformed code; database errors.
pub async fn children(db: &Db, parent: Option<&str>) -> Result<Vec<Region>, AppError> {
    let query = match parent {
        Some(code) if !is_valid_code(code) => return Err(invalid_code()),
        Some(code) => entity::Entity::find().filter(entity::Column::ParentCode.eq(code)),
        None => entity::Entity::find().filter(entity::Column::ParentCode.is_null()),
    };
    let rows = query.order_by_asc(entity::Column::Code).all(db.conn()).await?;
    Ok(rows.into_iter().filter_map(entity::Model::into_region).collect())
}

/// The region with `code`.
///
/// # Errors
///
/// [`AppError::BadRequest`] for a malformed code; database errors.
pub async fn find(db: &Db, code: &str) -> Result<Option<Region>, AppError> {
    if !is_valid_code(code) {
        return Err(invalid_code());
    }
    let row = entity::Entity::find_by_id(code.to_owned()).one(db.conn()).await?;
    Ok(row.and_then(entity::Model::into_region))
}

/// The region with `code` preceded by its ancestors, province first.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown code, [`AppError::BadRequest`] for a
/// malformed one; database errors.
pub async fn path(db: &Db, code: &str) -> Result<Vec<Region>, AppError> {
    let mut path = Vec::with_capacity(3);
    let mut next = Some(code.to_owned());

    // The tree has three levels; the bound guards against a cycle in bad data.
    while let Some(current) = next.take() {
        if path.len() == 3 {
            break;
        }
        let region = find(db, &current).await?.ok_or(AppError::NotFound)?;
        next = region.parent_code.clone();
        path.push(region);
    }

    path.reverse();
    Ok(path)
}
