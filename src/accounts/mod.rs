//! Accounts, organisations and permissions.
//!
//! Every organisation (bureau 教育局, school 学校, provider 资源单位) belongs
//! to one region. Users belong to organisations through memberships, each
//! with one role. A session acts for one membership at a time. Every
//! permission decision is made by [`policy`].

pub mod api;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod rate_limit;
pub mod texts;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Kind of organisation.
    OrgKind {
        Bureau => "bureau", "教育局", "Education bureau";
        School => "school", "学校", "School";
        Provider => "provider", "资源单位", "Provider";
    }
}

vocabulary! {
    /// Where an organisation is in its audit (审核).
    OrgStatus {
        Pending => "pending", "待审核", "Awaiting review";
        Approved => "approved", "已通过", "Approved";
        Returned => "returned", "已退回", "Returned";
    }
}

vocabulary! {
    /// Stage of a school (办学层次).
    SchoolStage {
        Primary => "primary", "小学", "Primary school";
        Junior => "junior", "初中", "Junior secondary school";
        Senior => "senior", "高中", "Senior secondary school";
        NineYear => "nine_year", "九年一贯制", "Nine-year school";
        Complete => "complete", "完全中学", "Complete secondary school";
        TwelveYear => "twelve_year", "十二年一贯制", "Twelve-year school";
        Special => "special", "特殊教育学校", "Special education school";
    }
}

vocabulary! {
    /// Role of a user in an organisation.
    Role {
        BureauOfficer => "bureau_officer", "教育局管理员", "Bureau officer";
        SchoolAdmin => "school_admin", "学校管理员", "School administrator";
        Teacher => "teacher", "教师", "Teacher";
        ProviderAdmin => "provider_admin", "资源单位管理员", "Provider administrator";
        ProviderStaff => "provider_staff", "工作人员", "Provider staff";
    }
}

impl Role {
    /// The organisation kind this role belongs to.
    pub fn org_kind(self) -> OrgKind {
        match self {
            Role::BureauOfficer => OrgKind::Bureau,
            Role::SchoolAdmin | Role::Teacher => OrgKind::School,
            Role::ProviderAdmin | Role::ProviderStaff => OrgKind::Provider,
        }
    }

    /// Roles an organisation admin may give to new staff of their kind.
    pub fn staff_roles(kind: OrgKind) -> &'static [Role] {
        match kind {
            OrgKind::Bureau => &[Role::BureauOfficer],
            OrgKind::School => &[Role::Teacher, Role::SchoolAdmin],
            OrgKind::Provider => &[Role::ProviderStaff, Role::ProviderAdmin],
        }
    }
}

/// The organisation a session acts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveMembership {
    pub membership_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub kind: OrgKind,
    pub status: OrgStatus,
    pub role: Role,
    pub region_code: String,
    pub region_name: String,
}

/// The logged-in user as pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: i64,
    pub display_name: String,
    pub username: String,
    pub must_change_password: bool,
    pub platform_admin: bool,
    pub active: Option<ActiveMembership>,
    /// Every membership, for switching organisation.
    pub memberships: Vec<ActiveMembership>,
}

impl CurrentUser {
    pub fn role(&self) -> Option<Role> {
        self.active.as_ref().map(|m| m.role)
    }

    pub fn is_officer(&self) -> bool {
        self.role() == Some(Role::BureauOfficer)
    }

    pub fn is_org_admin(&self) -> bool {
        matches!(
            self.role(),
            Some(Role::SchoolAdmin | Role::ProviderAdmin | Role::BureauOfficer)
        )
    }
}
