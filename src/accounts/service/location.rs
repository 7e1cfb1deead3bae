//! An organisation's location, which the directory measures distances
//! from when a member of a school sorts by distance.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;

use super::context::Auth;
use super::registration::org_ref;
use crate::accounts::api::orgs::LocationForm;
use crate::accounts::entity::organisation;
use crate::accounts::policy::{self, Permission};
use crate::accounts::validate::FieldErrors;
use crate::error::AppError;
use crate::geo::{Datum, LatLng};
use crate::resources::validate::coordinates;
use crate::server::state::AppState;

/// Checks the form and returns the WGS-84 point, or `None` to clear the
/// location (both coordinates empty). Coordinates must be decimal degrees
/// inside China in the chosen datum, which defaults to WGS-84.
///
/// # Errors
///
/// [`AppError::Validation`] naming the invalid field.
pub fn check_location(form: &LocationForm) -> Result<Option<LatLng>, AppError> {
    let mut errors = FieldErrors::default();
    let datum = match form.datum.trim() {
        "" => Datum::Wgs84,
        text => Datum::parse(text).unwrap_or_else(|| {
            errors.add("datum", "请选择坐标系", "Choose the coordinate system");
            Datum::Wgs84
        }),
    };
    let point = coordinates(&mut errors, &form.latitude, &form.longitude, datum);
    errors.finish()?;
    Ok(point)
}

/// Sets or clears the location of the caller's organisation.
///
/// # Errors
///
/// Permission denials (only the organisation's admin); validation errors;
/// database errors.
pub async fn set(state: &AppState, auth: &Auth, form: &LocationForm) -> Result<(), AppError> {
    let id = auth.organisation_id().ok_or(AppError::NotFound)?;
    let (_, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::EditOrganisation(reference))?;
    let point = check_location(form)?;
    organisation::Entity::update(organisation::ActiveModel {
        id: Set(id),
        latitude: Set(point.map(|p| p.lat)),
        longitude: Set(point.map(|p| p.lng)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(state.db.conn())
    .await?;
    tracing::info!(
        organisation_id = id,
        set = point.is_some(),
        "organisation location saved"
    );
    Ok(())
}

/// Reads the location of the caller's organisation, if it has one.
///
/// # Errors
///
/// Database errors.
pub async fn of_caller(state: &AppState, auth: &Auth) -> Result<Option<LatLng>, AppError> {
    let Some(id) = auth.organisation_id() else {
        return Ok(None);
    };
    let row = organisation::Entity::find_by_id(id).one(state.db.conn()).await?;
    Ok(row.and_then(|row| match (row.latitude, row.longitude) {
        (Some(lat), Some(lng)) => Some(LatLng::new(lat, lng)),
        _ => None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(latitude: &str, longitude: &str, datum: &str) -> LocationForm {
        LocationForm {
            latitude: latitude.into(),
            longitude: longitude.into(),
            datum: datum.into(),
        }
    }

    fn field_of(err: AppError) -> Vec<String> {
        match err {
            AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn empty_form_clears_the_location() {
        assert_eq!(check_location(&form(" ", "", "")).ok(), Some(None));
    }

    #[test]
    fn wgs84_point_is_kept() {
        let point = check_location(&form("39.9597", "116.2981", "wgs84")).ok().flatten();
        assert_eq!(point, Some(LatLng::new(39.9597, 116.2981)));
    }

    #[test]
    fn gcj02_point_is_converted() {
        let point = check_location(&form("39.9597", "116.2981", "gcj02"))
            .ok()
            .flatten()
            .expect("a point");
        // GCJ-02 shifts points in Beijing by a few hundred metres (an
        // estimate; more than 0.0005° either way is enough here).
        assert!((point.lat - 39.9597).abs() > 0.0005, "{point:?}");
        assert!((point.lng - 116.2981).abs() > 0.0005, "{point:?}");
    }

    #[test]
    fn invalid_input_names_the_field() {
        assert_eq!(
            field_of(check_location(&form("116.2981", "39.9597", "")).unwrap_err()),
            ["latitude"]
        );
        assert_eq!(
            field_of(check_location(&form("北京", "116.3", "")).unwrap_err()),
            ["latitude"]
        );
        assert_eq!(
            field_of(check_location(&form("39.9", "116.3", "mars")).unwrap_err()),
            ["datum"]
        );
    }
}
