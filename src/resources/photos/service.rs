//! Photo uploads of a resource: the provider's admin and staff add and
//! remove photos; the stored versions are served under `/media/`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use rand::RngCore as _;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::process::{Processed, process};
use super::{MAX_PHOTOS_PER_RESOURCE, PhotoProblem, PhotoView};
use crate::accounts::OrgKind;
use crate::accounts::entity::organisation;
use crate::accounts::policy::{self, OrgRef, Permission};
use crate::accounts::service::context::Auth;
use crate::error::AppError;
use crate::resources::entity::{photo, resource};
use crate::resources::model::ResourceStatus;
use crate::resources::service::records;
use crate::server::state::AppState;

/// Maximum caption length in characters, the width of the column.
pub const MAX_CAPTION_CHARS: usize = 100;

/// Why an upload failed: a problem with the photo the user can fix, or an
/// error of the request.
#[derive(Debug)]
pub enum UploadError {
    Photo(PhotoProblem),
    App(AppError),
}

impl From<AppError> for UploadError {
    fn from(error: AppError) -> Self {
        UploadError::App(error)
    }
}

/// Checks the caller may manage the photos of `resource_id`.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown or foreign resource,
/// [`AppError::Forbidden`] for a role that may not; database errors.
pub async fn authorise(state: &AppState, auth: &Auth, resource_id: i64) -> Result<(), AppError> {
    let resource = resource::Entity::find_by_id(resource_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let provider = organisation::Entity::find_by_id(resource.provider_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let org = OrgRef {
        id: provider.id,
        kind: OrgKind::Provider,
        region_code: provider.region_code,
    };
    policy::check(&auth.actor, &Permission::ManageResourcePhotos(org))?;
    Ok(())
}

/// Checks, re-encodes and stores a photo of `resource_id`.
///
/// # Errors
///
/// [`UploadError::Photo`] for a photo that is not accepted;
/// [`UploadError::App`] for access, store and database errors.
pub async fn upload(
    state: &AppState,
    auth: &Auth,
    resource_id: i64,
    bytes: Vec<u8>,
    caption: &str,
) -> Result<PhotoView, UploadError> {
    authorise(state, auth, resource_id).await?;
    let caption = caption.trim();
    if caption.chars().count() > MAX_CAPTION_CHARS {
        return Err(UploadError::Photo(PhotoProblem::CaptionTooLong));
    }
    let count = photo::Entity::find()
        .filter(photo::Column::ResourceId.eq(resource_id))
        .count(state.db.conn())
        .await
        .map_err(AppError::from)?;
    if count >= MAX_PHOTOS_PER_RESOURCE as u64 {
        return Err(UploadError::Photo(PhotoProblem::TooManyPhotos));
    }

    // Decoding and encoding a 40-megapixel photo takes seconds of CPU.
    let processed: Processed = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|error| {
            tracing::error!(%error, "photo processing panicked or was cancelled");
            AppError::Internal
        })?
        .map_err(UploadError::Photo)?;

    let key = new_key(resource_id);
    let thumb = thumb_key(&key);
    state
        .objects
        .put(&key, processed.large.bytes.clone(), "image/jpeg")
        .await
        .map_err(AppError::from)?;
    state
        .objects
        .put(&thumb, processed.thumb.bytes.clone(), "image/jpeg")
        .await
        .map_err(AppError::from)?;

    match insert(state, resource_id, &key, &processed, caption).await {
        Ok(view) => {
            tracing::info!(resource_id, photo_id = view.id, "photo uploaded");
            Ok(view)
        }
        Err(error) => {
            // The row is the only reference to the objects; remove them.
            for key in [&key, &thumb] {
                if let Err(store_error) = state.objects.delete(key).await {
                    tracing::warn!(%store_error, key = %key, "orphaned photo object could not be deleted");
                }
            }
            Err(error.into())
        }
    }
}

async fn insert(
    state: &AppState,
    resource_id: i64,
    key: &str,
    processed: &Processed,
    caption: &str,
) -> Result<PhotoView, AppError> {
    let txn = state.db.begin_write().await?;
    let position: Option<i32> = photo::Entity::find()
        .select_only()
        .column_as(photo::Column::Position.max(), "position")
        .filter(photo::Column::ResourceId.eq(resource_id))
        .into_tuple::<Option<i32>>()
        .one(&*txn)
        .await?
        .flatten();
    let mut saved = photo::Model {
        id: 0,
        resource_id,
        object_key: key.to_owned(),
        content_type: "image/jpeg".to_owned(),
        width: i32::try_from(processed.large.width).unwrap_or(i32::MAX),
        height: i32::try_from(processed.large.height).unwrap_or(i32::MAX),
        bytes: i64::try_from(processed.large.bytes.len()).unwrap_or(i64::MAX),
        position: position.map_or(0, |p| p.saturating_add(1)),
        caption: caption.to_owned(),
        created_at: Utc::now(),
    };
    let mut row: photo::ActiveModel = saved.clone().into();
    row.id = sea_orm::ActiveValue::NotSet;
    saved.id = photo::Entity::insert(row).exec(&*txn).await?.last_insert_id;
    txn.commit().await?;
    Ok(view_of(saved))
}

/// Lists the photos of a resource for the provider's photo page, in
/// display order.
///
/// # Errors
///
/// As [`authorise`]; database errors.
pub async fn list(state: &AppState, auth: &Auth, resource_id: i64) -> Result<Vec<PhotoView>, AppError> {
    authorise(state, auth, resource_id).await?;
    stored_photos(state, resource_id).await
}

/// Lists the photos of `resource_id` in display order, without an access
/// check: for the public page of a published resource.
///
/// # Errors
///
/// Database errors.
pub async fn stored_photos(state: &AppState, resource_id: i64) -> Result<Vec<PhotoView>, AppError> {
    let rows = photo::Entity::find()
        .filter(photo::Column::ResourceId.eq(resource_id))
        .order_by_asc(photo::Column::Position)
        .order_by_asc(photo::Column::Id)
        .all(state.db.conn())
        .await?;
    Ok(rows.into_iter().map(view_of).collect())
}

/// Deletes a photo and its stored versions.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown photo; as [`authorise`]; database
/// errors. A store failure after the row is gone is only logged.
pub async fn delete(state: &AppState, auth: &Auth, photo_id: i64) -> Result<(), AppError> {
    let row = photo::Entity::find_by_id(photo_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    authorise(state, auth, row.resource_id).await?;

    let txn = state.db.begin_write().await?;
    photo::Entity::delete_by_id(photo_id).exec(&*txn).await?;
    txn.commit().await?;

    for key in [row.object_key.clone(), thumb_key(&row.object_key)] {
        if let Err(error) = state.objects.delete(&key).await {
            tracing::warn!(%error, key = %key, "photo object could not be deleted");
        }
    }
    tracing::info!(photo_id, resource_id = row.resource_id, "photo deleted");
    Ok(())
}

fn view_of(row: photo::Model) -> PhotoView {
    PhotoView {
        id: row.id,
        resource_id: row.resource_id,
        url: format!("/media/{}", row.object_key),
        thumb_url: format!("/media/{}", thumb_key(&row.object_key)),
        width: row.width,
        height: row.height,
        caption: row.caption,
    }
}

/// A fresh key for the large version: `photos/{resource}/{random}.jpg`.
fn new_key(resource_id: i64) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    format!("photos/{resource_id}/{}.jpg", URL_SAFE_NO_PAD.encode(bytes))
}

/// Reads the resource id out of a photo key, `photos/{resource}/...`.
pub fn resource_of_key(key: &str) -> Option<i64> {
    let mut segments = key.split('/');
    if segments.next()? != "photos" {
        return None;
    }
    let id = segments.next()?.parse::<i64>().ok()?;
    (segments.next().is_some() && id > 0).then_some(id)
}

/// Access to a stored photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaAccess {
    /// The resource is published: anyone, and caches may keep the photo.
    Public,
    /// Not published yet (or no longer): only the caller who may view the
    /// resource (its provider, the bureau), and no shared cache.
    Private,
}

/// Decides whether the caller may see the photo under `key`. A photo of an
/// unpublished resource is hidden from everyone else as if it did not
/// exist, so its key reveals nothing.
///
/// # Errors
///
/// [`AppError::NotFound`] for a key of no resource, or of an unpublished
/// one the caller may not view; database errors.
pub async fn media_access(state: &AppState, auth: Option<&Auth>, key: &str) -> Result<MediaAccess, AppError> {
    let id = resource_of_key(key).ok_or(AppError::NotFound)?;
    let row = records::find(state.db.conn(), id).await?;
    if records::status_of(&row) == ResourceStatus::Published {
        return Ok(MediaAccess::Public);
    }
    let auth = auth.ok_or(AppError::NotFound)?;
    policy::check(&auth.actor, &Permission::ViewResource(records::reference_of(&row)))
        .map_err(|_| AppError::NotFound)?;
    Ok(MediaAccess::Private)
}

/// Derives the thumbnail's key from the large version's.
pub fn thumb_key(key: &str) -> String {
    match key.strip_suffix(".jpg") {
        Some(stem) => format!("{stem}-400.jpg"),
        None => format!("{key}-400"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::photos::store::is_valid_key;

    #[test]
    fn keys_are_valid_and_unique() {
        let key = new_key(12);
        assert!(key.starts_with("photos/12/"), "{key}");
        assert!(is_valid_key(&key), "{key}");
        assert!(is_valid_key(&thumb_key(&key)));
        assert_ne!(key, new_key(12));
    }

    #[test]
    fn resource_id_comes_from_the_key() {
        assert_eq!(resource_of_key(&new_key(12)), Some(12));
        assert_eq!(resource_of_key("photos/7/abc-400.jpg"), Some(7));
        assert_eq!(resource_of_key("photos/7"), None);
        assert_eq!(resource_of_key("photos/x/abc.jpg"), None);
        assert_eq!(resource_of_key("photos/0/abc.jpg"), None);
        assert_eq!(resource_of_key("other/7/abc.jpg"), None);
    }

    #[test]
    fn thumb_sits_beside_large() {
        assert_eq!(thumb_key("photos/1/abc.jpg"), "photos/1/abc-400.jpg");
    }
}
