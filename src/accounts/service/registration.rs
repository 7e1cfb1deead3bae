//! Schools and providers register themselves with their first admin; a
//! returned registration is corrected and submitted again.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::json;

use super::super::api::orgs::{OrganisationDetails, OrganisationForm, RegistrationForm};
use super::super::audit::{self, Action};
use super::super::entity::organisation;
use super::super::policy::{self, OrgRef, Permission};
use super::super::validate::{
    FieldErrors, check_password_policy, is_valid_credit_code, normalize_phone, normalize_username, required_text,
};
use super::super::{OrgKind, OrgStatus, Role, SchoolStage, password, session};
use super::context::{Auth, RequestInfo};
use super::users::{NewUser, insert_membership, insert_user};
use crate::db::is_unique_violation;
use crate::error::AppError;
use crate::regions::{RegionLevel, service as regions};
use crate::resources::model::ResourceType;
use crate::server::state::AppState;

/// A registered organisation and its admin's session token.
#[derive(Debug, Clone)]
pub struct Registered {
    pub organisation_id: i64,
    pub token: String,
}

/// Organisation fields after validation.
#[derive(Debug, Clone)]
struct CleanOrganisation {
    kind: OrgKind,
    name: String,
    region_code: String,
    school_stage: Option<String>,
    provider_type: Option<String>,
    credit_code: Option<String>,
    address: String,
    contact_name: String,
    contact_phone: String,
}

fn optional(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// Checks the organisation part of a form; the region must be a county.
async fn clean_organisation(
    state: &AppState,
    kind: OrgKind,
    form: &OrganisationForm,
    errors: &mut FieldErrors,
) -> Result<Option<CleanOrganisation>, AppError> {
    let name = required_text(&form.name, "机构名称", "Organisation name", 100)
        .map_err(|m| errors.add_text("name", m))
        .ok();

    let region_code = form.chosen_region();
    let region = if region_code.is_empty() {
        None
    } else {
        regions::find(&state.db, &region_code).await.ok().flatten()
    };
    match &region {
        None => errors.add("region", "请选择所在地区", "Choose the region"),
        Some(r) if r.level != RegionLevel::County => {
            errors.add("region", "请继续选择到区县一级", "Continue down to the county")
        }
        Some(_) => {}
    }

    let school_stage = optional(form.school_stage.as_deref());
    let provider_type = optional(form.provider_type.as_deref());
    match kind {
        OrgKind::School if school_stage.as_deref().and_then(SchoolStage::from_code).is_none() => {
            errors.add("school_stage", "请选择学校类型", "Choose the kind of school")
        }
        OrgKind::Provider if provider_type.as_deref().and_then(ResourceType::from_code).is_none() => {
            errors.add("provider_type", "请选择资源单位类型", "Choose the kind of provider")
        }
        _ => {}
    }

    let credit_code = optional(form.credit_code.as_deref()).map(|c| c.to_ascii_uppercase());
    if credit_code.as_deref().is_some_and(|c| !is_valid_credit_code(c)) {
        errors.add(
            "credit_code",
            "统一社会信用代码应为 18 位，请核对（可不填）",
            "The unified social credit code has 18 characters; check it or leave it empty",
        );
    }

    let address = required_text(&form.address, "地址", "Address", 200)
        .map_err(|m| errors.add_text("address", m))
        .ok();
    let contact_name = required_text(&form.contact_name, "联系人", "Contact person", 50)
        .map_err(|m| errors.add_text("contact_name", m))
        .ok();
    let contact_phone = normalize_phone(&form.contact_phone);
    if contact_phone.is_none() {
        errors.add(
            "contact_phone",
            "请填写 11 位手机号码",
            "Enter an 11-digit mobile number",
        );
    }

    Ok(match (name, region, address, contact_name, contact_phone) {
        (Some(name), Some(region), Some(address), Some(contact_name), Some(contact_phone)) => Some(CleanOrganisation {
            kind,
            name,
            region_code: region.code,
            school_stage: if kind == OrgKind::School { school_stage } else { None },
            provider_type: if kind == OrgKind::Provider { provider_type } else { None },
            credit_code,
            address,
            contact_name,
            contact_phone,
        }),
        _ => None,
    })
}

fn name_taken() -> AppError {
    AppError::field(
        "name",
        "该地区已有同名机构。如果是本机构，请联系已注册的管理员添加您",
        "An organisation of this name is already registered in the region; ask its admin to add you",
    )
}

/// Registers a school or provider (pending review) with its first admin,
/// and logs the admin in.
///
/// # Errors
///
/// Field errors for invalid input or a taken name, username or phone
/// number; database errors.
pub async fn register(state: &AppState, request: &RequestInfo, form: RegistrationForm) -> Result<Registered, AppError> {
    let mut errors = FieldErrors::default();
    let kind = match form.kind.as_str() {
        "school" => OrgKind::School,
        "provider" => OrgKind::Provider,
        _ => {
            errors.add("kind", "请选择注册学校还是资源单位", "Choose school or provider");
            OrgKind::School
        }
    };
    let org_form = OrganisationForm {
        name: form.name.clone(),
        region: form.chosen_region(),
        school_stage: form.school_stage.clone(),
        provider_type: form.provider_type.clone(),
        credit_code: form.credit_code.clone(),
        address: form.address.clone(),
        contact_name: form.contact_name.clone(),
        contact_phone: form.contact_phone.clone(),
        ..Default::default()
    };
    let org = clean_organisation(state, kind, &org_form, &mut errors).await?;

    let admin_name = required_text(&form.admin_name, "管理员姓名", "Admin name", 50)
        .map_err(|m| errors.add_text("admin_name", m))
        .ok();
    let username = normalize_username(&form.admin_username)
        .map_err(|m| errors.add_text("admin_username", m))
        .ok();
    let phone = normalize_phone(&form.admin_phone);
    if phone.is_none() {
        errors.add(
            "admin_phone",
            "请填写管理员的 11 位手机号码",
            "Enter the admin's 11-digit mobile number",
        );
    }
    if let Err(message) = check_password_policy(&form.password, username.as_deref().unwrap_or_default()) {
        errors.add_text("password", message);
    }
    if form.password != form.password_confirm {
        errors.add("password_confirm", "两次输入的密码不一致", "The passwords do not match");
    }
    errors.finish()?;

    let (Some(org), Some(admin_name), Some(username)) = (org, admin_name, username) else {
        return Err(AppError::Internal);
    };
    let password_hash = password::hash(form.password).await?;

    let txn = state.db.begin_write().await?;
    let organisation_id = insert_organisation(&*txn, &org, OrgStatus::Pending, false).await?;
    let user_id = insert_user(
        &*txn,
        NewUser {
            username: username.clone(),
            phone,
            display_name: admin_name.clone(),
            password_hash,
            must_change_password: false,
            platform_admin: false,
        },
    )
    .await
    .map_err(|err| match err {
        AppError::Validation(mut list) => {
            for item in &mut list {
                item.field = format!("admin_{}", item.field);
            }
            AppError::Validation(list)
        }
        other => other,
    })?;
    let role = if kind == OrgKind::School {
        Role::SchoolAdmin
    } else {
        Role::ProviderAdmin
    };
    let membership_id = insert_membership(&*txn, user_id, organisation_id, role, None).await?;
    let token = session::create(
        &*txn,
        &state.settings.session,
        user_id,
        Some(membership_id),
        &request.ip,
        &request.user_agent,
    )
    .await?;
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(user_id),
            actor_name: &format!("{admin_name}（{username}）"),
            actor_organisation_id: Some(organisation_id),
            action: Action::OrganisationRegistered,
            target_type: "organisation",
            target_id: Some(organisation_id.to_string()),
            region_code: Some(org.region_code.clone()),
            detail: json!({ "name": org.name, "kind": kind.code() }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await?;

    tracing::info!(organisation_id, kind = kind.code(), "organisation registered");
    Ok(Registered { organisation_id, token })
}

/// Inserts an organisation; a duplicate name in the region is a field error.
async fn insert_organisation(
    conn: &impl ConnectionTrait,
    org: &CleanOrganisation,
    status: OrgStatus,
    is_demo: bool,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let row = organisation::ActiveModel {
        kind: Set(org.kind.code().to_owned()),
        name: Set(org.name.clone()),
        region_code: Set(org.region_code.clone()),
        school_stage: Set(org.school_stage.clone()),
        provider_type: Set(org.provider_type.clone()),
        credit_code: Set(org.credit_code.clone()),
        address: Set(optional(Some(&org.address))),
        contact_name: Set(optional(Some(&org.contact_name))),
        contact_phone: Set(optional(Some(&org.contact_phone))),
        status: Set(status.code().to_owned()),
        return_reason: Set(None),
        is_demo: Set(is_demo),
        submitted_at: Set(now),
        reviewed_at: Set(None),
        reviewed_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    match organisation::Entity::insert(row).exec(conn).await {
        Ok(result) => Ok(result.last_insert_id),
        Err(err) if is_unique_violation(&err) => Err(name_taken()),
        Err(err) => Err(err.into()),
    }
}

/// Loads an organisation as a policy reference.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown id; database errors.
pub async fn org_ref(state: &AppState, id: i64) -> Result<(organisation::Model, OrgRef), AppError> {
    let row = organisation::Entity::find_by_id(id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = OrgKind::from_code(&row.kind).ok_or(AppError::Internal)?;
    let reference = OrgRef {
        id: row.id,
        kind,
        region_code: row.region_code.clone(),
    };
    Ok((row, reference))
}

/// An organisation's details, if the caller may see it.
///
/// # Errors
///
/// [`AppError::NotFound`] when unknown or out of scope; database errors.
pub async fn details(state: &AppState, auth: &Auth, id: i64) -> Result<OrganisationDetails, AppError> {
    let (row, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::ViewOrganisation(reference))?;
    to_details(state, row).await
}

/// Converts a row for display, with the region's full name.
///
/// # Errors
///
/// Database errors.
pub async fn to_details(state: &AppState, row: organisation::Model) -> Result<OrganisationDetails, AppError> {
    let region_name = regions::find(&state.db, &row.region_code)
        .await?
        .map(|r| r.full_name)
        .unwrap_or_default();
    Ok(OrganisationDetails {
        id: row.id,
        kind: OrgKind::from_code(&row.kind).ok_or(AppError::Internal)?,
        name: row.name,
        region_code: row.region_code,
        region_name,
        school_stage: row.school_stage,
        provider_type: row.provider_type,
        credit_code: row.credit_code,
        address: row.address,
        contact_name: row.contact_name,
        contact_phone: row.contact_phone,
        latitude: row.latitude,
        longitude: row.longitude,
        status: OrgStatus::from_code(&row.status).ok_or(AppError::Internal)?,
        return_reason: row.return_reason,
        is_demo: row.is_demo,
        submitted_at: row.submitted_at,
        reviewed_at: row.reviewed_at,
    })
}

/// Corrects a returned registration and puts it back in the review queue.
///
/// # Errors
///
/// [`AppError::Conflict`] unless the registration was returned; field
/// errors; permission denials; database errors.
pub async fn resubmit(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    form: OrganisationForm,
) -> Result<(), AppError> {
    let id = auth.organisation_id().ok_or(AppError::NotFound)?;
    let (row, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::ResubmitOrganisation(reference))?;
    if row.status != OrgStatus::Returned.code() {
        return Err(AppError::Conflict(crate::i18n::Text::new(
            "只有被退回的注册信息才能修改后重新提交",
            "Only a returned registration can be corrected and resubmitted",
        )));
    }

    let kind = OrgKind::from_code(&row.kind).ok_or(AppError::Internal)?;
    let mut errors = FieldErrors::default();
    let clean = clean_organisation(state, kind, &form, &mut errors).await?;
    errors.finish()?;
    let clean = clean.ok_or(AppError::Internal)?;

    let txn = state.db.begin_write().await?;
    let update = organisation::ActiveModel {
        id: Set(id),
        name: Set(clean.name.clone()),
        region_code: Set(clean.region_code.clone()),
        school_stage: Set(clean.school_stage),
        provider_type: Set(clean.provider_type),
        credit_code: Set(clean.credit_code),
        address: Set(Some(clean.address)),
        contact_name: Set(Some(clean.contact_name)),
        contact_phone: Set(Some(clean.contact_phone)),
        status: Set(OrgStatus::Pending.code().to_owned()),
        submitted_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    match organisation::Entity::update(update).exec(&*txn).await {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err) => return Err(name_taken()),
        Err(err) => return Err(err.into()),
    }
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: Some(id),
            action: Action::OrganisationResubmitted,
            target_type: "organisation",
            target_id: Some(id.to_string()),
            region_code: Some(clean.region_code),
            detail: json!({ "name": clean.name }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await
}

/// Creates an approved organisation directly (bureaus, demo data).
///
/// # Errors
///
/// Field errors for a taken name; database errors.
pub async fn insert_approved(
    conn: &impl ConnectionTrait,
    kind: OrgKind,
    name: &str,
    region_code: &str,
    school_stage: Option<SchoolStage>,
    provider_type: Option<ResourceType>,
    is_demo: bool,
) -> Result<i64, AppError> {
    let org = CleanOrganisation {
        kind,
        name: name.to_owned(),
        region_code: region_code.to_owned(),
        school_stage: school_stage.map(|s| s.code().to_owned()),
        provider_type: provider_type.map(|t| t.code().to_owned()),
        credit_code: None,
        address: String::new(),
        contact_name: String::new(),
        contact_phone: String::new(),
    };
    insert_organisation(conn, &org, OrgStatus::Approved, is_demo).await
}
