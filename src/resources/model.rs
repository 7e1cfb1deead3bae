//! Vocabulary of the resource database (社会教育资源库): resource types,
//! themes, school stages and fee kinds, with their Chinese and English
//! names. Census sheets use the Chinese names; the database stores the
//! stable English codes returned by `code()`.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Kind of provider organisation or resource.
    ResourceType {
        Museum => "museum", "博物馆", "Museum";
        ScienceCentre => "science_centre", "科技馆", "Science centre";
        Library => "library", "图书馆", "Library";
        ArtGallery => "art_gallery", "美术馆", "Art gallery";
        YouthPalace => "youth_palace", "青少年宫", "Youth palace";
        PatrioticBase => "patriotic_base", "爱国主义教育基地", "Patriotic education base";
        Enterprise => "enterprise", "企事业单位", "Enterprise or public institution";
        University => "university", "高校", "University";
        ResearchInstitute => "research_institute", "科研院所", "Research institute";
        Community => "community", "社区", "Community";
        Charity => "charity", "公益组织", "Charity";
        Other => "other", "其他", "Other";
    }
}

vocabulary! {
    /// Educational theme of a resource or programme.
    Theme {
        RedEducation => "red_education", "红色教育", "Revolutionary heritage";
        ScienceInquiry => "science_inquiry", "科学探究", "Science inquiry";
        CulturalHeritage => "cultural_heritage", "文化传承", "Cultural heritage";
        LabourPractice => "labour_practice", "劳动实践", "Labour practice";
        ArtExperience => "art_experience", "艺术体验", "Art experience";
        SportsHealth => "sports_health", "体育健康", "Sports and health";
        SafetyEducation => "safety_education", "安全教育", "Safety education";
    }
}

vocabulary! {
    /// School stage (学段) a resource suits.
    Stage {
        PrimaryLower => "primary_lower", "小学低年级", "Primary, grades 1–2";
        PrimaryMiddle => "primary_middle", "小学中年级", "Primary, grades 3–4";
        PrimaryUpper => "primary_upper", "小学高年级", "Primary, grades 5–6";
        JuniorSecondary => "junior_secondary", "初中", "Junior secondary";
        SeniorSecondary => "senior_secondary", "高中", "Senior secondary";
    }
}

vocabulary! {
    /// What a visit costs.
    FeeKind {
        Free => "free", "免费", "Free";
        Discounted => "discounted", "优惠", "Discounted";
        Paid => "paid", "收费", "Paid";
    }
}

vocabulary! {
    /// Where a resource record is in its workflow: draft → submitted →
    /// approved, or returned with a reason → published → offline. Only
    /// published records are public.
    ResourceStatus {
        Draft => "draft", "草稿", "Draft";
        Submitted => "submitted", "待审核", "Awaiting review";
        Approved => "approved", "已通过", "Approved";
        Returned => "returned", "已退回", "Returned";
        Published => "published", "已发布", "Published";
        Offline => "offline", "已下线", "Offline";
    }
}

vocabulary! {
    /// Whether a programme can be booked.
    ProgrammeStatus {
        Draft => "draft", "草稿", "Draft";
        Published => "published", "已发布", "Published";
        Offline => "offline", "已下线", "Offline";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for kind in ResourceType::ALL {
            assert_eq!(ResourceType::from_label(kind.label(Locale::Zh)), Some(*kind));
            assert_eq!(ResourceType::from_code(kind.code()), Some(*kind));
        }
        for theme in Theme::ALL {
            assert_eq!(Theme::from_label(theme.label(Locale::Zh)), Some(*theme));
        }
        for stage in Stage::ALL {
            assert_eq!(Stage::from_label(stage.label(Locale::Zh)), Some(*stage));
        }
    }

    #[test]
    fn unknown_label_is_none() {
        assert_eq!(ResourceType::from_label("动物园"), None);
        assert_eq!(FeeKind::from_label(" 免费 "), Some(FeeKind::Free));
    }
}
