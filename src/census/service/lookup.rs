//! What validation compares a sheet with: the region tree and the
//! resources already stored.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::census::{ExistingResource, RegionIndex};
use crate::error::AppError;
use crate::geo::LatLng;
use crate::regions::entity as region;
use crate::resources::entity::resource;
use crate::resources::model::ResourceStatus;

/// Loads the whole region tree (about 3,200 rows) into an index.
///
/// # Errors
///
/// Database errors.
pub async fn region_index(conn: &impl ConnectionTrait) -> Result<RegionIndex, AppError> {
    let rows = region::Entity::find().all(conn).await?;
    Ok(RegionIndex::new(
        rows.into_iter().filter_map(region::Model::into_region),
    ))
}

/// Loads every resource with coordinates that is not offline, for the
/// duplicate check. Offline records are left out because a provider who
/// replaces a closed venue must be able to import the new one.
///
/// # Errors
///
/// Database errors.
pub async fn existing_resources(conn: &impl ConnectionTrait) -> Result<Vec<ExistingResource>, AppError> {
    let rows: Vec<(i64, String, Option<f64>, Option<f64>)> = resource::Entity::find()
        .select_only()
        .columns([
            resource::Column::Id,
            resource::Column::Name,
            resource::Column::Latitude,
            resource::Column::Longitude,
        ])
        .filter(resource::Column::Status.ne(ResourceStatus::Offline.code()))
        .filter(resource::Column::Latitude.is_not_null())
        .filter(resource::Column::Longitude.is_not_null())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, lat, lng)| {
            Some(ExistingResource {
                id,
                name,
                location: LatLng::new(lat?, lng?),
            })
        })
        .collect())
}
