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
        Permission::ResubmitOrganisation(org) => {
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
        Permission::ViewReviewQueue => {
            if officer {
                Ok(())
            } else {
                Err(Denial::NotAllowed)
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
    fn platform_admin_may_do_everything() {
        let admin = Actor {
            user_id: 1,
            platform_admin: true,
            acting_for: None,
        };
        assert_eq!(check(&admin, &Permission::ViewReviewQueue), Ok(()));
        assert_eq!(region_scope(&admin), Ok(None));
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
}
