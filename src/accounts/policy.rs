//! The one place that decides permissions.
//!
//! Every server function builds an [`Actor`] from its session and asks
//! [`check`] before it reads or writes. The rules:
//!
//! - a platform admin (平台管理员) may do everything;
//! - a bureau officer (教育局管理员) acts on organisations and audit entries
//!   of their bureau's region and every region below it, and creates
//!   officers only for regions strictly below their own;
//! - a school or provider admin manages their own organisation's members;
//! - teachers and provider staff see their own organisation;
//! - an organisation that is not approved yet may only be viewed and
//!   resubmitted by its own admin.
//!
//! A record outside the actor's scope is reported as not found, so its
//! existence is not revealed; an action the role may not take on a visible
//! record is forbidden.

use serde::{Deserialize, Serialize};

use super::{OrgKind, OrgStatus, Role};

mod booking;
use crate::error::AppError;
use crate::regions::is_within;

/// The membership a session acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingFor {
    pub organisation_id: i64,
    pub kind: OrgKind,
    pub status: OrgStatus,
    pub role: Role,
    pub region_code: String,
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub platform_admin: bool,
    pub acting_for: Option<ActingFor>,
}

/// An organisation as the policy needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRef {
    pub id: i64,
    pub kind: OrgKind,
    pub region_code: String,
}

/// Something an actor wants to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Permission {
    /// See an organisation's details.
    ViewOrganisation(OrgRef),
    /// Approve or return an organisation's registration (审核).
    ReviewOrganisation(OrgRef),
    /// List and add the organisation's members.
    ManageMembers(OrgRef),
    /// Resubmit a returned registration.
    ResubmitOrganisation(OrgRef),
    /// Change the organisation's own settings, such as its location.
    EditOrganisation(OrgRef),
    /// Read the audit log of a region (and below).
    ViewAuditLog { region_code: String },
    /// Create a bureau officer for a region.
    CreateOfficer { region_code: String },
    /// List registrations awaiting review in the actor's region.
    ViewReviewQueue,
    /// Create and cancel sessions (场次) of the provider's programmes.
    ManageSessions(OrgRef),
    /// Book a session for a class of this school.
    BookForSchool(OrgRef),
    /// See one booking of `school` at a session of `provider`.
    ViewBooking { school: OrgRef, provider: OrgRef },
    /// Cancel one booking; the state machine then checks the deadline.
    CancelBooking { school: OrgRef, provider: OrgRef },
    /// Confirm or decline the provider's incoming bookings.
    DecideBooking(OrgRef),
    /// Check classes in at the provider's venue (签到).
    CheckIn(OrgRef),
    /// List every booking of a school.
    ViewSchoolBookings(OrgRef),
    /// List every booking at a provider's sessions.
    ViewProviderBookings(OrgRef),
    /// Set a school's booking quota per term.
    SetQuota(OrgRef),
    /// Draw the lottery of an over-subscribed session of this provider.
    DrawLottery(OrgRef),
    /// Upload a census sheet (资源普查表) and import its rows as resources
    /// of the actor's own provider organisation.
    ImportCensus,
    /// See, download the error report of, and confirm a census upload of
    /// this organisation.
    ViewCensusUpload { organisation_id: i64 },
    /// Download the published directory as a spreadsheet.
    ExportDirectory,
    /// Upload and remove photos of a resource owned by this provider.
    ManageResourcePhotos(OrgRef),
    /// Create resources and programmes for a provider, and edit and submit
    /// its resources (provider admin or staff of the approved provider).
    ManageResources(OrgRef),
    /// Publish an approved resource or take it offline (provider admin).
    PublishResource(ResourceRef),
    /// See a resource that is not public, with its history.
    ViewResource(ResourceRef),
    /// Approve or return a submitted resource (审核), by an officer of the
    /// resource's region or above.
    ReviewResource(ResourceRef),
    /// Confirm that a resource's record is still true (最后核实).
    VerifyResource(ResourceRef),
    /// The resource review queue and statistics of the actor's region.
    ViewResourceQueue,
    /// Add resources of a provider from a census sheet: its own members, or
    /// an officer of its region or above.
    ImportResources(OrgRef),
}

/// A resource as the policy needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    pub provider_id: i64,
    /// Region of the resource itself, which decides the reviewing bureau.
    pub region_code: String,
}

/// Why a permission was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Outside the actor's scope: answer as if it did not exist (404).
    NotVisible,
    /// Visible, but the role may not do this (403).
    NotAllowed,
}

impl From<Denial> for AppError {
    fn from(denial: Denial) -> Self {
        match denial {
            Denial::NotVisible => AppError::NotFound,
            Denial::NotAllowed => AppError::Forbidden,
        }
    }
}

/// Decides whether `actor` may do `permission`.
///
/// # Errors
///
/// The [`Denial`] that explains the refusal.
pub fn check(actor: &Actor, permission: &Permission) -> Result<(), Denial> {
    if actor.platform_admin {
        return Ok(());
    }
    let Some(acting) = actor.acting_for.as_ref() else {
        return Err(match permission {
            Permission::ViewOrganisation(_)
            | Permission::ReviewOrganisation(_)
            | Permission::ManageMembers(_)
            | Permission::ResubmitOrganisation(_)
            | Permission::EditOrganisation(_)
            | Permission::ManageResources(_)
            | Permission::PublishResource(_)
            | Permission::ViewResource(_)
            | Permission::ReviewResource(_)
            | Permission::VerifyResource(_)
            | Permission::ImportResources(_)
            | Permission::ViewCensusUpload { .. }
            | Permission::ManageResourcePhotos(_)
            | Permission::ViewBooking { .. }
            | Permission::CancelBooking { .. } => Denial::NotVisible,
            _ => Denial::NotAllowed,
        });
    };

    let approved = acting.status == OrgStatus::Approved;
    let officer = acting.role == Role::BureauOfficer && approved;
    let in_region = |code: &str| is_within(code, &acting.region_code);
    let own = |org: &OrgRef| org.id == acting.organisation_id;

    match permission {
        Permission::ViewOrganisation(org) => {
            if own(org) || (officer && in_region(&org.region_code)) {
                Ok(())
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ReviewOrganisation(org) => {
            if officer && in_region(&org.region_code) && org.kind != OrgKind::Bureau {
                Ok(())
            } else if own(org) || (officer && in_region(&org.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ManageMembers(org) => {
            let admin = matches!(
                acting.role,
                Role::SchoolAdmin | Role::ProviderAdmin | Role::BureauOfficer
            );
            if own(org) && admin && approved {
                Ok(())
            } else if own(org) || (officer && in_region(&org.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ResubmitOrganisation(org) | Permission::EditOrganisation(org) => {
            let admin = matches!(acting.role, Role::SchoolAdmin | Role::ProviderAdmin);
            if own(org) && admin {
                Ok(())
            } else if own(org) || (officer && in_region(&org.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ViewAuditLog { region_code } => {
            if officer && in_region(region_code) {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Permission::CreateOfficer { region_code } => {
            if officer && in_region(region_code) && region_code != &acting.region_code {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Permission::ViewReviewQueue | Permission::ViewResourceQueue => {
            if officer {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Permission::ImportCensus => {
            if provider_member(acting) {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Permission::ViewCensusUpload { organisation_id } => {
            if *organisation_id == acting.organisation_id && provider_member(acting) {
                Ok(())
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ExportDirectory => {
            if officer || provider_member(acting) {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
            }
        }
        Permission::ManageResourcePhotos(org) => {
            if own(org) && provider_member(acting) {
                Ok(())
            } else if own(org) || (officer && in_region(&org.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ManageResources(org) => {
            let provider_member = matches!(acting.role, Role::ProviderAdmin | Role::ProviderStaff);
            if own(org) && provider_member && approved && org.kind == OrgKind::Provider {
                Ok(())
            } else if own(org) || (officer && in_region(&org.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ImportResources(org) => {
            let provider_member = matches!(acting.role, Role::ProviderAdmin | Role::ProviderStaff);
            let member = own(org) && provider_member && approved;
            if org.kind == OrgKind::Provider && (member || (officer && in_region(&org.region_code))) {
                Ok(())
            } else if own(org) || (officer && in_region(&org.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::PublishResource(resource) => {
            let own_resource = resource.provider_id == acting.organisation_id;
            if own_resource && acting.role == Role::ProviderAdmin && approved {
                Ok(())
            } else if own_resource || (officer && in_region(&resource.region_code)) {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ViewResource(resource) | Permission::VerifyResource(resource) => {
            let provider_member = matches!(acting.role, Role::ProviderAdmin | Role::ProviderStaff);
            let own_resource = resource.provider_id == acting.organisation_id && provider_member;
            if own_resource || (officer && in_region(&resource.region_code)) {
                Ok(())
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ReviewResource(resource) => {
            if officer && in_region(&resource.region_code) {
                Ok(())
            } else if resource.provider_id == acting.organisation_id {
                Err(Denial::NotAllowed)
            } else {
                Err(Denial::NotVisible)
            }
        }
        Permission::ManageSessions(_)
        | Permission::BookForSchool(_)
        | Permission::ViewBooking { .. }
        | Permission::CancelBooking { .. }
        | Permission::DecideBooking(_)
        | Permission::CheckIn(_)
        | Permission::ViewSchoolBookings(_)
        | Permission::ViewProviderBookings(_)
        | Permission::SetQuota(_)
        | Permission::DrawLottery(_) => booking::check(acting, permission),
    }
}

/// Whether the actor is admin or staff of an approved provider organisation.
fn provider_member(acting: &ActingFor) -> bool {
    acting.status == OrgStatus::Approved
        && acting.kind == OrgKind::Provider
        && matches!(acting.role, Role::ProviderAdmin | Role::ProviderStaff)
}

/// The region whose data a query may return for this actor: `None` for the
/// whole install (platform admin), else the officer's region.
///
/// # Errors
///
/// [`Denial::NotAllowed`] for actors without a region scope.
pub fn region_scope(actor: &Actor) -> Result<Option<String>, Denial> {
    if actor.platform_admin {
        return Ok(None);
    }
    match &actor.acting_for {
        Some(acting) if acting.role == Role::BureauOfficer && acting.status == OrgStatus::Approved => {
            Ok(Some(acting.region_code.clone()))
        }
        _ => Err(Denial::NotAllowed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acting(role: Role, region: &str, org: i64) -> Actor {
        Actor {
            user_id: 1,
            platform_admin: false,
            acting_for: Some(ActingFor {
                organisation_id: org,
                kind: role.org_kind(),
                status: OrgStatus::Approved,
                role,
                region_code: region.to_owned(),
            }),
        }
    }

    fn school(id: i64, region: &str) -> OrgRef {
        OrgRef {
            id,
            kind: OrgKind::School,
            region_code: region.to_owned(),
        }
    }

    #[test]
    fn county_officer_reviews_own_county_only() {
        let haidian = acting(Role::BureauOfficer, "110108", 1);
        assert_eq!(
            check(&haidian, &Permission::ReviewOrganisation(school(9, "110108"))),
            Ok(())
        );
        assert_eq!(
            check(&haidian, &Permission::ReviewOrganisation(school(9, "110105"))),
            Err(Denial::NotVisible)
        );
    }

    #[test]
    fn city_officer_sees_counties() {
        let beijing = acting(Role::BureauOfficer, "110100", 1);
        assert_eq!(
            check(&beijing, &Permission::ViewOrganisation(school(9, "110108"))),
            Ok(())
        );
        assert_eq!(
            check(
                &beijing,
                &Permission::CreateOfficer {
                    region_code: "110108".into()
                }
            ),
            Ok(())
        );
        assert_eq!(
            check(
                &beijing,
                &Permission::CreateOfficer {
                    region_code: "110100".into()
                }
            ),
            Err(Denial::NotAllowed),
            "not for their own region"
        );
    }

    #[test]
    fn teacher_sees_own_school_but_cannot_manage() {
        let teacher = acting(Role::Teacher, "110108", 9);
        assert_eq!(
            check(&teacher, &Permission::ViewOrganisation(school(9, "110108"))),
            Ok(())
        );
        assert_eq!(
            check(&teacher, &Permission::ManageMembers(school(9, "110108"))),
            Err(Denial::NotAllowed)
        );
        assert_eq!(
            check(&teacher, &Permission::ViewOrganisation(school(10, "110108"))),
            Err(Denial::NotVisible)
        );
        assert_eq!(check(&teacher, &Permission::ViewReviewQueue), Err(Denial::NotAllowed));
    }

    #[test]
    fn pending_school_admin_cannot_manage_members() {
        let mut admin = acting(Role::SchoolAdmin, "110108", 9);
        if let Some(acting) = admin.acting_for.as_mut() {
            acting.status = OrgStatus::Pending;
        }
        assert_eq!(
            check(&admin, &Permission::ManageMembers(school(9, "110108"))),
            Err(Denial::NotAllowed)
        );
        assert_eq!(
            check(&admin, &Permission::ResubmitOrganisation(school(9, "110108"))),
            Ok(())
        );
    }

    #[test]
    fn only_the_own_admin_edits_an_organisation() {
        let own = school(9, "110108");
        let admin = acting(Role::SchoolAdmin, "110108", 9);
        let teacher = acting(Role::Teacher, "110108", 9);
        let other_admin = acting(Role::SchoolAdmin, "110108", 10);
        assert_eq!(check(&admin, &Permission::EditOrganisation(own.clone())), Ok(()));
        assert_eq!(
            check(&teacher, &Permission::EditOrganisation(own.clone())),
            Err(Denial::NotAllowed)
        );
        assert_eq!(
            check(&other_admin, &Permission::EditOrganisation(own)),
            Err(Denial::NotVisible)
        );
    }

    #[test]
    fn platform_admin_may_do_everything() {
        let admin = Actor {
            user_id: 1,
            platform_admin: true,
            acting_for: None,
        };
        assert_eq!(check(&admin, &Permission::ViewReviewQueue), Ok(()));
        assert_eq!(region_scope(&admin), Ok(None));
    }

    fn resource(provider_id: i64, region: &str) -> ResourceRef {
        ResourceRef {
            provider_id,
            region_code: region.to_owned(),
        }
    }

    #[test]
    fn resource_review_follows_region_scope() {
        let city = acting(Role::BureauOfficer, "110100", 1);
        let haidian = acting(Role::BureauOfficer, "110108", 2);
        let chaoyang = acting(Role::BureauOfficer, "110105", 3);
        let in_haidian = resource(7, "110108");
        assert_eq!(check(&city, &Permission::ReviewResource(in_haidian.clone())), Ok(()));
        assert_eq!(check(&haidian, &Permission::ReviewResource(in_haidian.clone())), Ok(()));
        assert_eq!(
            check(&chaoyang, &Permission::ReviewResource(in_haidian.clone())),
            Err(Denial::NotVisible)
        );
        assert_eq!(
            check(&chaoyang, &Permission::ViewResource(in_haidian)),
            Err(Denial::NotVisible)
        );
    }

    #[test]
    fn provider_manages_only_own_resources() {
        let admin = acting(Role::ProviderAdmin, "110105", 7);
        let staff = acting(Role::ProviderStaff, "110105", 7);
        let provider = OrgRef {
            id: 7,
            kind: OrgKind::Provider,
            region_code: "110105".into(),
        };
        let own = resource(7, "110108");
        let other = resource(8, "110105");
        assert_eq!(check(&staff, &Permission::ManageResources(provider.clone())), Ok(()));
        assert_eq!(check(&admin, &Permission::PublishResource(own.clone())), Ok(()));
        assert_eq!(
            check(&staff, &Permission::PublishResource(own.clone())),
            Err(Denial::NotAllowed)
        );
        assert_eq!(
            check(&admin, &Permission::ReviewResource(own.clone())),
            Err(Denial::NotAllowed),
            "a provider never approves its own resource"
        );
        assert_eq!(check(&admin, &Permission::ViewResource(other)), Err(Denial::NotVisible));
        let chaoyang = acting(Role::BureauOfficer, "110105", 3);
        let haidian = acting(Role::BureauOfficer, "110108", 2);
        assert_eq!(check(&chaoyang, &Permission::ImportResources(provider.clone())), Ok(()));
        assert_eq!(
            check(&haidian, &Permission::ImportResources(provider.clone())),
            Err(Denial::NotVisible)
        );
        let teacher = acting(Role::Teacher, "110108", 9);
        assert_eq!(
            check(&teacher, &Permission::ManageResources(provider)),
            Err(Denial::NotVisible)
        );
        assert_eq!(check(&teacher, &Permission::ViewResource(own)), Err(Denial::NotVisible));
    }

    #[test]
    fn officer_cannot_review_a_bureau() {
        let officer = acting(Role::BureauOfficer, "110100", 1);
        let bureau = OrgRef {
            id: 5,
            kind: OrgKind::Bureau,
            region_code: "110108".into(),
        };
        assert_eq!(
            check(&officer, &Permission::ReviewOrganisation(bureau)),
            Err(Denial::NotAllowed)
        );
    }

    #[test]
    fn provider_members_import_census_for_own_organisation() {
        let staff = acting(Role::ProviderStaff, "110108", 7);
        assert_eq!(check(&staff, &Permission::ImportCensus), Ok(()));
        assert_eq!(
            check(&staff, &Permission::ViewCensusUpload { organisation_id: 7 }),
            Ok(())
        );
        assert_eq!(
            check(&staff, &Permission::ViewCensusUpload { organisation_id: 8 }),
            Err(Denial::NotVisible)
        );

        let officer = acting(Role::BureauOfficer, "110108", 1);
        assert_eq!(check(&officer, &Permission::ImportCensus), Err(Denial::NotAllowed));
        let teacher = acting(Role::Teacher, "110108", 9);
        assert_eq!(check(&teacher, &Permission::ImportCensus), Err(Denial::NotAllowed));
    }

    #[test]
    fn pending_provider_cannot_import_census() {
        let mut admin = acting(Role::ProviderAdmin, "110108", 7);
        if let Some(acting) = admin.acting_for.as_mut() {
            acting.status = OrgStatus::Pending;
        }
        assert_eq!(check(&admin, &Permission::ImportCensus), Err(Denial::NotAllowed));
    }

    #[test]
    fn bureau_and_providers_export_directory() {
        assert_eq!(
            check(&acting(Role::BureauOfficer, "110108", 1), &Permission::ExportDirectory),
            Ok(())
        );
        assert_eq!(
            check(&acting(Role::ProviderAdmin, "110108", 7), &Permission::ExportDirectory),
            Ok(())
        );
        assert_eq!(
            check(&acting(Role::Teacher, "110108", 9), &Permission::ExportDirectory),
            Err(Denial::NotAllowed)
        );
    }

    #[test]
    fn photos_belong_to_own_provider() {
        let museum = OrgRef {
            id: 7,
            kind: OrgKind::Provider,
            region_code: "110108".into(),
        };
        let staff = acting(Role::ProviderStaff, "110108", 7);
        assert_eq!(check(&staff, &Permission::ManageResourcePhotos(museum.clone())), Ok(()));

        let other = acting(Role::ProviderAdmin, "110108", 8);
        assert_eq!(
            check(&other, &Permission::ManageResourcePhotos(museum.clone())),
            Err(Denial::NotVisible)
        );
        let officer = acting(Role::BureauOfficer, "110108", 1);
        assert_eq!(
            check(&officer, &Permission::ManageResourcePhotos(museum)),
            Err(Denial::NotAllowed)
        );
    }
}
