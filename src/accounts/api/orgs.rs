//! Registering a school or provider, and its registration status.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::{OrgKind, OrgStatus};
use crate::error::AppError;

/// What a school or provider submits to register, with its first admin.
/// Fields a browser leaves out (an unchecked radio) default to empty and
/// are reported by validation, not by the decoder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    /// `school` or `provider`.
    pub kind: String,
    pub name: String,
    /// The region picker's hidden field (kept current by the client) …
    pub region: String,
    /// … and its selects, which are all a browser without JavaScript sends.
    pub region_province: String,
    pub region_city: String,
    pub region_county: String,
    pub school_stage: Option<String>,
    pub provider_type: Option<String>,
    pub credit_code: Option<String>,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub admin_name: String,
    pub admin_username: String,
    pub admin_phone: String,
    pub password: String,
    pub password_confirm: String,
}

/// The organisation fields an admin may correct and resubmit.
/// Fields a browser leaves out (an unchecked radio) default to empty and
/// are reported by validation, not by the decoder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganisationForm {
    pub name: String,
    /// The region picker's hidden field (kept current by the client) …
    pub region: String,
    /// … and its selects, which are all a browser without JavaScript sends.
    pub region_province: String,
    pub region_city: String,
    pub region_county: String,
    pub school_stage: Option<String>,
    pub provider_type: Option<String>,
    pub credit_code: Option<String>,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// An organisation as its own members and reviewing officers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationDetails {
    pub id: i64,
    pub kind: OrgKind,
    pub name: String,
    pub region_code: String,
    pub region_name: String,
    pub school_stage: Option<String>,
    pub provider_type: Option<String>,
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// WGS-84 location, when an admin has set it.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub status: OrgStatus,
    pub return_reason: Option<String>,
    pub is_demo: bool,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// The deepest region chosen in a picker: the hidden field, else the
/// county, city or province select.
pub fn picked_region(region: &str, province: &str, city: &str, county: &str) -> String {
    [region, county, city, province]
        .into_iter()
        .map(str::trim)
        .find(|code| crate::regions::is_valid_code(code))
        .unwrap_or_default()
        .to_owned()
}

impl RegistrationForm {
    pub fn chosen_region(&self) -> String {
        picked_region(
            &self.region,
            &self.region_province,
            &self.region_city,
            &self.region_county,
        )
    }
}

impl OrganisationForm {
    pub fn chosen_region(&self) -> String {
        picked_region(
            &self.region,
            &self.region_province,
            &self.region_city,
            &self.region_county,
        )
    }
}

/// Registers an organisation and logs its first admin in.
#[server(prefix = "/api", endpoint = "orgs/register")]
pub async fn register_organisation(form: RegistrationForm) -> Result<i64, AppError> {
    use crate::server::context::run_public;
    run_public(|ctx| async move {
        crate::forms::remember(&form_values(&form));
        let done = super::super::service::registration::register(&ctx.state, &ctx.request, form).await?;
        ctx.set_session_cookie(&done.token);
        leptos_axum::redirect("/my/organisation");
        Ok(done.organisation_id)
    })
    .await
}

/// The caller's active organisation.
#[server(prefix = "/api", endpoint = "orgs/mine")]
pub async fn my_organisation() -> Result<OrganisationDetails, AppError> {
    use crate::server::context::run_as_member;
    run_as_member(|ctx, auth| async move {
        let id = auth.organisation_id().ok_or(AppError::NotFound)?;
        super::super::service::registration::details(&ctx.state, &auth, id).await
    })
    .await
}

/// Corrects a returned registration and submits it again.
#[server(prefix = "/api", endpoint = "orgs/resubmit")]
pub async fn resubmit_organisation(form: OrganisationForm) -> Result<(), AppError> {
    use crate::server::context::run_as_member;
    run_as_member(|ctx, auth| async move {
        crate::forms::remember(&organisation_values(&form));
        super::super::service::registration::resubmit(&ctx.state, &ctx.request, &auth, form).await?;
        leptos_axum::redirect("/my/organisation");
        Ok(())
    })
    .await
}

/// The location form of `/my/organisation`. Coordinates may be copied
/// from a map app in its own datum (`wgs84`, `gcj02` or `bd09`); both
/// empty clears the location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LocationForm {
    pub latitude: String,
    pub longitude: String,
    pub datum: String,
}

/// Sets or clears the caller's organisation's location.
#[server(prefix = "/api", endpoint = "orgs/location")]
pub async fn set_organisation_location(form: LocationForm) -> Result<(), AppError> {
    use crate::server::context::run_as_member;
    run_as_member(|ctx, auth| async move {
        crate::forms::remember(&[
            ("form[latitude]", form.latitude.clone()),
            ("form[longitude]", form.longitude.clone()),
            ("form[datum]", form.datum.clone()),
        ]);
        super::super::service::location::set(&ctx.state, &auth, &form).await?;
        leptos_axum::redirect("/my/organisation");
        Ok(())
    })
    .await
}

/// Form values worth giving back after an error; never the passwords.
pub fn form_values(form: &RegistrationForm) -> Vec<(&'static str, String)> {
    let mut values = organisation_values(&OrganisationForm {
        name: form.name.clone(),
        region: form.chosen_region(),
        school_stage: form.school_stage.clone(),
        provider_type: form.provider_type.clone(),
        credit_code: form.credit_code.clone(),
        address: form.address.clone(),
        contact_name: form.contact_name.clone(),
        contact_phone: form.contact_phone.clone(),
        ..Default::default()
    });
    values.extend([
        ("form[kind]", form.kind.clone()),
        ("form[admin_name]", form.admin_name.clone()),
        ("form[admin_username]", form.admin_username.clone()),
        ("form[admin_phone]", form.admin_phone.clone()),
    ]);
    values
}

fn organisation_values(form: &OrganisationForm) -> Vec<(&'static str, String)> {
    vec![
        ("form[name]", form.name.clone()),
        ("form[region]", form.chosen_region()),
        ("form[school_stage]", form.school_stage.clone().unwrap_or_default()),
        ("form[provider_type]", form.provider_type.clone().unwrap_or_default()),
        ("form[credit_code]", form.credit_code.clone().unwrap_or_default()),
        ("form[address]", form.address.clone()),
        ("form[contact_name]", form.contact_name.clone()),
        ("form[contact_phone]", form.contact_phone.clone()),
    ]
}
