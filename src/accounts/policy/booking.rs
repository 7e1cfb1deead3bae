//! Permission rules of activity booking (活动预约), for actors acting for an
//! organisation (a platform admin is allowed everything before this).
//!
//! - school admins and teachers book for their own approved school, and
//!   see and cancel its bookings; only school admins list the whole
//!   school's bookings;
//! - provider admins manage sessions, confirm and decline bookings of their
//!   own provider; provider admins and staff check classes in;
//! - bureau officers see and cancel bookings of schools or providers in
//!   their region, set quotas of schools there and draw lotteries of
//!   providers there.

use super::{ActingFor, Denial, OrgRef, Permission};
use crate::accounts::{OrgStatus, Role};
use crate::regions::is_within;

pub(super) fn check(acting: &ActingFor, permission: &Permission) -> Result<(), Denial> {
    let approved = acting.status == OrgStatus::Approved;
    let officer = approved && acting.role == Role::BureauOfficer;
    let in_region = |org: &OrgRef| officer && is_within(&org.region_code, &acting.region_code);
    let own = |org: &OrgRef| approved && org.id == acting.organisation_id;
    let school_member = matches!(acting.role, Role::Teacher | Role::SchoolAdmin);
    let provider_admin = acting.role == Role::ProviderAdmin;
    let provider_member = matches!(acting.role, Role::ProviderAdmin | Role::ProviderStaff);

    let allowed = match permission {
        Permission::ManageSessions(provider) | Permission::DecideBooking(provider) => {
            return decide(own(provider) && provider_admin, own(provider) || in_region(provider));
        }
        Permission::CheckIn(provider) => {
            return decide(own(provider) && provider_member, own(provider) || in_region(provider));
        }
        Permission::BookForSchool(school) => own(school) && school_member,
        Permission::ViewBooking { school, provider } => {
            let visible = own(school) || own(provider) || in_region(school) || in_region(provider);
            return decide(visible, visible);
        }
        Permission::CancelBooking { school, provider } => {
            let visible = own(school) || own(provider) || in_region(school) || in_region(provider);
            let may = (own(school) && school_member)
                || (own(provider) && provider_admin)
                || in_region(school)
                || in_region(provider);
            return decide(may, visible);
        }
        Permission::ViewSchoolBookings(school) => {
            (own(school) && acting.role == Role::SchoolAdmin) || in_region(school)
        }
        Permission::ViewProviderBookings(provider) => (own(provider) && provider_member) || in_region(provider),
        Permission::SetQuota(school) => in_region(school),
        Permission::DrawLottery(provider) => in_region(provider),
        _ => false,
    };
    if allowed { Ok(()) } else { Err(Denial::NotAllowed) }
}

/// Allows when `may`; otherwise forbids a visible record and hides one
/// that is not.
fn decide(may: bool, visible: bool) -> Result<(), Denial> {
    match (may, visible) {
        (true, _) => Ok(()),
        (false, true) => Err(Denial::NotAllowed),
        (false, false) => Err(Denial::NotVisible),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Actor, check as check_actor};
    use super::*;
    use crate::accounts::OrgKind;

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

    fn org(id: i64, kind: OrgKind, region: &str) -> OrgRef {
        OrgRef {
            id,
            kind,
            region_code: region.to_owned(),
        }
    }

    fn school() -> OrgRef {
        org(10, OrgKind::School, "110108")
    }

    fn provider() -> OrgRef {
        org(20, OrgKind::Provider, "110105")
    }

    #[test]
    fn teacher_books_for_own_school_only() {
        let teacher = acting(Role::Teacher, "110108", 10);
        assert_eq!(check_actor(&teacher, &Permission::BookForSchool(school())), Ok(()));
        assert_eq!(
            check_actor(&teacher, &Permission::BookForSchool(org(11, OrgKind::School, "110108"))),
            Err(Denial::NotAllowed)
        );
        assert_eq!(
            check_actor(&teacher, &Permission::ViewSchoolBookings(school())),
            Err(Denial::NotAllowed),
            "the school's list is for school admins"
        );
    }

    #[test]
    fn pending_school_cannot_book() {
        let mut teacher = acting(Role::Teacher, "110108", 10);
        if let Some(acting) = teacher.acting_for.as_mut() {
            acting.status = OrgStatus::Pending;
        }
        assert_eq!(
            check_actor(&teacher, &Permission::BookForSchool(school())),
            Err(Denial::NotAllowed)
        );
    }

    #[test]
    fn provider_staff_checks_in_but_cannot_confirm() {
        let staff = acting(Role::ProviderStaff, "110105", 20);
        assert_eq!(check_actor(&staff, &Permission::CheckIn(provider())), Ok(()));
        assert_eq!(
            check_actor(&staff, &Permission::DecideBooking(provider())),
            Err(Denial::NotAllowed)
        );
        let admin = acting(Role::ProviderAdmin, "110105", 20);
        assert_eq!(check_actor(&admin, &Permission::DecideBooking(provider())), Ok(()));
        assert_eq!(
            check_actor(&admin, &Permission::DecideBooking(org(21, OrgKind::Provider, "110105"))),
            Err(Denial::NotVisible)
        );
    }

    #[test]
    fn booking_visible_to_both_sides_and_region() {
        let both = Permission::ViewBooking {
            school: school(),
            provider: provider(),
        };
        assert_eq!(check_actor(&acting(Role::Teacher, "110108", 10), &both), Ok(()));
        assert_eq!(check_actor(&acting(Role::ProviderStaff, "110105", 20), &both), Ok(()));
        assert_eq!(check_actor(&acting(Role::BureauOfficer, "110108", 1), &both), Ok(()));
        assert_eq!(check_actor(&acting(Role::BureauOfficer, "110105", 2), &both), Ok(()));
        assert_eq!(
            check_actor(&acting(Role::BureauOfficer, "110102", 3), &both),
            Err(Denial::NotVisible)
        );
        assert_eq!(
            check_actor(&acting(Role::Teacher, "110108", 11), &both),
            Err(Denial::NotVisible)
        );
    }

    #[test]
    fn provider_staff_cannot_cancel() {
        let cancel = Permission::CancelBooking {
            school: school(),
            provider: provider(),
        };
        assert_eq!(
            check_actor(&acting(Role::ProviderStaff, "110105", 20), &cancel),
            Err(Denial::NotAllowed)
        );
        assert_eq!(check_actor(&acting(Role::ProviderAdmin, "110105", 20), &cancel), Ok(()));
        assert_eq!(check_actor(&acting(Role::Teacher, "110108", 10), &cancel), Ok(()));
    }

    #[test]
    fn officer_sets_quota_and_draws_in_region() {
        let haidian = acting(Role::BureauOfficer, "110108", 1);
        assert_eq!(check_actor(&haidian, &Permission::SetQuota(school())), Ok(()));
        assert_eq!(
            check_actor(&haidian, &Permission::DrawLottery(provider())),
            Err(Denial::NotAllowed)
        );
        let city = acting(Role::BureauOfficer, "110100", 1);
        assert_eq!(check_actor(&city, &Permission::DrawLottery(provider())), Ok(()));
        let teacher = acting(Role::Teacher, "110108", 10);
        assert_eq!(
            check_actor(&teacher, &Permission::SetQuota(school())),
            Err(Denial::NotAllowed)
        );
    }
}
