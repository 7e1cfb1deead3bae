//! Published demo resources: real Beijing venues with their public
//! addresses and approximate WGS-84 coordinates (read off a map, good to
//! about 100 m), each with programmes. `seed-demo` loads them after the
//! demo accounts; every provider is marked 演示.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::entity::{programme, resource};
use super::form::ResourceRecord;
use super::model::{FeeKind, ProgrammeStatus, ResourceStatus, ResourceType, Stage, Theme};
use super::opening_hours;
use super::service::records::{ChangeBy, find, insert_draft, record_history, stage_codes, theme_codes};
use super::validate::NewResource;
use crate::accounts::OrgKind;
use crate::accounts::entity::organisation;
use crate::accounts::service::registration::insert_approved;
use crate::db::Db;
use crate::error::AppError;
use crate::geo::Datum;

/// Provider of the demo login `demo.museum`, created by the accounts demo.
const MUSEUM_PROVIDER: &str = "中国科学技术馆（演示）";

struct Venue {
    name: &'static str,
    kind: ResourceType,
    themes: &'static [Theme],
    stages: &'static [Stage],
    region: &'static str,
    address: &'static str,
    lat: f64,
    lng: f64,
    hours: &'static str,
    fee: FeeKind,
    capacity: i32,
    summary: &'static str,
    phone: &'static str,
    programmes: &'static [(&'static str, &'static str, i32, i32)],
}

const ALL_PRIMARY_AND_SECONDARY: &[Stage] = &[
    Stage::PrimaryMiddle,
    Stage::PrimaryUpper,
    Stage::JuniorSecondary,
    Stage::SeniorSecondary,
];

const VENUES: &[Venue] = &[
    Venue {
        // Listed by its official short name, which visitors search for.
        name: "中国科技馆",
        kind: ResourceType::ScienceCentre,
        themes: &[Theme::ScienceInquiry, Theme::SafetyEducation],
        stages: ALL_PRIMARY_AND_SECONDARY,
        region: "110105",
        address: "北京市朝阳区北辰东路5号",
        lat: 40.0036,
        lng: 116.3917,
        hours: "周二至周日 9:30-17:00，周一闭馆（法定节假日除外）",
        fee: FeeKind::Discounted,
        capacity: 300,
        summary: "中国科学技术馆是国家级综合性科技馆，设有华夏之光、探索与发现、科技与生活等主题展厅和儿童科学乐园。",
        phone: "010-59041000",
        programmes: &[
            ("科学实验秀：神奇的电磁", "在实验剧场观看并参与电磁现象实验。", 60, 80),
            ("探索与发现展厅研学", "讲解员带领学生完成展厅任务单。", 120, 40),
        ],
    },
    Venue {
        name: "首都博物馆",
        kind: ResourceType::Museum,
        themes: &[Theme::CulturalHeritage, Theme::ArtExperience],
        stages: ALL_PRIMARY_AND_SECONDARY,
        region: "110102",
        address: "北京市西城区复兴门外大街16号",
        lat: 39.9057,
        lng: 116.3356,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 200,
        summary: "北京地区历史文化综合性博物馆，基本陈列展示古都北京的历史与民俗。",
        phone: "010-63370491",
        programmes: &[("古都北京历史文化之旅", "参观基本陈列，完成北京中轴线探究任务。", 90, 45)],
    },
    Venue {
        name: "北京自然博物馆",
        kind: ResourceType::Museum,
        themes: &[Theme::ScienceInquiry],
        stages: &[
            Stage::PrimaryLower,
            Stage::PrimaryMiddle,
            Stage::PrimaryUpper,
            Stage::JuniorSecondary,
        ],
        region: "110101",
        address: "北京市东城区天桥南大街126号",
        lat: 39.8818,
        lng: 116.4030,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 150,
        summary: "以古生物、动物、植物和人类学为主要展示内容的自然历史博物馆。",
        phone: "010-67020641",
        programmes: &[("恐龙时代探秘", "在古爬行动物厅观察化石，了解地层与演化。", 90, 40)],
    },
    Venue {
        name: "中国国家博物馆",
        kind: ResourceType::Museum,
        themes: &[Theme::CulturalHeritage, Theme::RedEducation],
        stages: ALL_PRIMARY_AND_SECONDARY,
        region: "110101",
        address: "北京市东城区东长安街16号",
        lat: 39.9034,
        lng: 116.3952,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 300,
        summary: "收藏、研究和展示中华文化代表性物证的国家最高历史文化艺术殿堂。",
        phone: "010-65116400",
        programmes: &[
            ("古代中国陈列研学", "围绕青铜器和陶瓷完成主题探究。", 120, 40),
            ("复兴之路主题参观", "参观复兴之路基本陈列，开展主题讨论。", 90, 50),
        ],
    },
    Venue {
        name: "北京天文馆",
        kind: ResourceType::ScienceCentre,
        themes: &[Theme::ScienceInquiry],
        stages: ALL_PRIMARY_AND_SECONDARY,
        region: "110102",
        address: "北京市西城区西直门外大街138号",
        lat: 39.9366,
        lng: 116.3300,
        hours: "周三至周日 9:00-16:30，周一、周二闭馆",
        fee: FeeKind::Discounted,
        capacity: 120,
        summary: "我国第一座大型天文馆，设有天象厅、宇宙剧场和天文展厅。",
        phone: "010-51583311",
        programmes: &[("天象厅星空课", "在天象厅认识四季星空与星座。", 45, 100)],
    },
    Venue {
        name: "国家图书馆",
        kind: ResourceType::Library,
        themes: &[Theme::CulturalHeritage],
        stages: &[Stage::PrimaryUpper, Stage::JuniorSecondary, Stage::SeniorSecondary],
        region: "110108",
        address: "北京市海淀区中关村南大街33号",
        lat: 39.9432,
        lng: 116.3227,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 60,
        summary: "国家总书库，设有中国国家典籍博物馆和少年儿童馆。",
        phone: "010-88545426",
        programmes: &[("典籍里的中国", "参观典籍博物馆，体验古籍修复与雕版印刷。", 90, 30)],
    },
    Venue {
        name: "中国人民革命军事博物馆",
        kind: ResourceType::PatrioticBase,
        themes: &[Theme::RedEducation, Theme::SafetyEducation],
        stages: ALL_PRIMARY_AND_SECONDARY,
        region: "110108",
        address: "北京市海淀区复兴路9号",
        lat: 39.9075,
        lng: 116.3218,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 300,
        summary: "全国爱国主义教育示范基地，展示中国共产党领导的军事斗争历史。",
        phone: "010-66866244",
        programmes: &[("强军之路主题教育", "参观兵器陈列与历史展厅，开展国防教育。", 120, 50)],
    },
    Venue {
        name: "中国美术馆",
        kind: ResourceType::ArtGallery,
        themes: &[Theme::ArtExperience, Theme::CulturalHeritage],
        stages: ALL_PRIMARY_AND_SECONDARY,
        region: "110101",
        address: "北京市东城区五四大街1号",
        lat: 39.9263,
        lng: 116.4058,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 100,
        summary: "以收藏、研究、展示中国近现代美术作品为主的国家造型艺术博物馆。",
        phone: "010-84033500",
        programmes: &[("美术馆里的写生课", "在展厅欣赏名作并完成速写。", 90, 30)],
    },
    Venue {
        name: "北京科学中心",
        kind: ResourceType::ScienceCentre,
        themes: &[Theme::ScienceInquiry, Theme::SportsHealth],
        stages: &[
            Stage::PrimaryLower,
            Stage::PrimaryMiddle,
            Stage::PrimaryUpper,
            Stage::JuniorSecondary,
        ],
        region: "110102",
        address: "北京市西城区北辰路9号院40号楼",
        lat: 39.9752,
        lng: 116.3866,
        hours: "周二至周日 9:00-17:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 200,
        summary: "以生命、生存、生活为主题的综合性科普场馆。",
        phone: "010-62011000",
        programmes: &[("生命健康探究课", "在生命展厅了解人体与健康生活方式。", 90, 40)],
    },
    Venue {
        name: "中国农业博物馆",
        kind: ResourceType::Museum,
        themes: &[Theme::LabourPractice, Theme::CulturalHeritage],
        stages: &[Stage::PrimaryMiddle, Stage::PrimaryUpper, Stage::JuniorSecondary],
        region: "110105",
        address: "北京市朝阳区东三环北路16号",
        lat: 39.9436,
        lng: 116.4607,
        hours: "周二至周日 9:00-16:00，周一闭馆",
        fee: FeeKind::Free,
        capacity: 120,
        summary: "展示中华农业文明的国家级专题博物馆，设有农耕文化展区和农作物标本园。",
        phone: "010-65096088",
        programmes: &[("农耕文化劳动实践", "认识传统农具，在标本园完成种植体验。", 120, 40)],
    },
];

fn new_resource(venue: &Venue) -> Result<NewResource, AppError> {
    let hours = opening_hours::parse(venue.hours).map_err(|message| {
        tracing::error!(venue = venue.name, message = %message.en, "demo opening hours do not parse");
        AppError::Internal
    })?;
    Ok(NewResource {
        record: ResourceRecord {
            name: venue.name.to_owned(),
            resource_type: Some(venue.kind),
            themes: venue.themes.to_vec(),
            stages: venue.stages.to_vec(),
            summary: venue.summary.to_owned(),
            strengths: String::new(),
            services: "团体参观讲解、研学课程".to_owned(),
            opening_hours_text: venue.hours.to_owned(),
            contact_name: "团体接待".to_owned(),
            contact_phone: venue.phone.to_owned(),
            region_code: venue.region.to_owned(),
            address: venue.address.to_owned(),
            latitude: Some(venue.lat),
            longitude: Some(venue.lng),
            group_capacity: venue.capacity,
            fee_kind: Some(venue.fee),
            fee_note: String::new(),
            accessibility_notes: "设有无障碍通道".to_owned(),
            safety_notes: "团体参观须提前预约，带队教师全程陪同".to_owned(),
        },
        opening_hours: hours,
        source_datum: Datum::Wgs84,
    })
}

async fn provider_for(conn: &impl sea_orm::ConnectionTrait, venue: &Venue) -> Result<i64, AppError> {
    let name = if venue.name == "中国科技馆" {
        MUSEUM_PROVIDER.to_owned()
    } else {
        format!("{}（演示）", venue.name)
    };
    let existing = organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name.as_str()))
        .one(conn)
        .await?;
    match existing {
        Some(org) => Ok(org.id),
        None => {
            insert_approved(
                conn,
                OrgKind::Provider,
                &name,
                venue.region,
                None,
                Some(venue.kind),
                true,
            )
            .await
        }
    }
}

/// Loads the demo resources unless they are already there. Returns how
/// many were added.
///
/// # Errors
///
/// Database errors.
pub async fn seed(db: &Db) -> Result<usize, AppError> {
    let already = resource::Entity::find()
        .filter(resource::Column::Name.eq(VENUES[0].name))
        .one(db.conn())
        .await?
        .is_some();
    if already {
        return Ok(0);
    }
    let by = ChangeBy {
        user_id: None,
        name: "xieyu seed-demo".to_owned(),
    };
    let txn = db.begin_write().await?;
    for venue in VENUES {
        let provider_id = provider_for(&*txn, venue).await?;
        let draft = insert_draft(&*txn, provider_id, &new_resource(venue)?, &by, "created").await?;
        let now = Utc::now();
        resource::Entity::update_many()
            .set(resource::ActiveModel {
                status: Set(ResourceStatus::Published.code().to_owned()),
                version: Set(2),
                last_approved_version: Set(Some(2)),
                published_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(resource::Column::Id.eq(draft.id))
            .exec(&*txn)
            .await?;
        let published = find(&*txn, draft.id).await?;
        record_history(&*txn, &published, &by, "published", now).await?;

        for (name, description, minutes, capacity) in venue.programmes {
            programme::Entity::insert(programme::ActiveModel {
                resource_id: Set(draft.id),
                provider_id: Set(provider_id),
                name: Set((*name).to_owned()),
                description: Set((*description).to_owned()),
                themes: Set(theme_codes(venue.themes)),
                stages: Set(stage_codes(venue.stages)),
                duration_minutes: Set(*minutes),
                capacity_per_session: Set(*capacity),
                pupils_per_teacher: Set(15),
                fee_kind: Set(venue.fee.code().to_owned()),
                fee_note: Set(String::new()),
                auto_confirm: Set(false),
                status: Set(ProgrammeStatus::Published.code().to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(&*txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(VENUES.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_venue_is_valid() {
        for venue in VENUES {
            let resource = new_resource(venue).expect("hours parse");
            let point = crate::geo::LatLng::new(venue.lat, venue.lng);
            assert!(crate::geo::is_in_china(point), "{}", venue.name);
            assert!(venue.region.starts_with("11"), "{} is in Beijing", venue.name);
            assert!(!resource.record.themes.is_empty());
            assert!(!venue.programmes.is_empty(), "{} has programmes", venue.name);
        }
    }
}
