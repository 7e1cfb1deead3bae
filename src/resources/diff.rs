//! Field-by-field changes between two versions of a resource, which the
//! bureau's review page shows as "changed since last approval".

use super::form::{FieldChange, ResourceRecord};
use super::model::{Stage, Theme};
use crate::i18n::{Locale, Text};

fn list<T: Copy>(values: &[T], label: fn(T, Locale) -> &'static str) -> String {
    values
        .iter()
        .map(|value| label(*value, Locale::Zh))
        .collect::<Vec<_>>()
        .join("、")
}

fn coordinate(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.6}")).unwrap_or_default()
}

/// Lists each field of `record` as a label and a displayed value, in form order.
/// Values are shown in Chinese, as the bureau's records are kept.
fn fields(record: &ResourceRecord) -> Vec<(Text, String)> {
    vec![
        (Text::new("资源名称", "Name"), record.name.clone()),
        (
            Text::new("资源类型", "Type"),
            record
                .resource_type
                .map(|t| t.label(Locale::Zh).to_owned())
                .unwrap_or_default(),
        ),
        (Text::new("主题", "Themes"), list(&record.themes, Theme::label)),
        (
            Text::new("适合学段", "School stages"),
            list(&record.stages, Stage::label),
        ),
        (Text::new("简介", "Summary"), record.summary.clone()),
        (Text::new("特色优势", "Strengths"), record.strengths.clone()),
        (Text::new("服务内容", "Services"), record.services.clone()),
        (
            Text::new("开放时间", "Opening hours"),
            record.opening_hours_text.clone(),
        ),
        (Text::new("联系人", "Contact name"), record.contact_name.clone()),
        (Text::new("联系电话", "Contact phone"), record.contact_phone.clone()),
        (Text::new("所在地区", "Region"), record.region_code.clone()),
        (Text::new("地址", "Address"), record.address.clone()),
        (Text::new("纬度", "Latitude"), coordinate(record.latitude)),
        (Text::new("经度", "Longitude"), coordinate(record.longitude)),
        (
            Text::new("团体接待人数", "Group capacity"),
            record.group_capacity.to_string(),
        ),
        (
            Text::new("收费方式", "Fee"),
            record
                .fee_kind
                .map(|f| f.label(Locale::Zh).to_owned())
                .unwrap_or_default(),
        ),
        (Text::new("收费说明", "Fee note"), record.fee_note.clone()),
        (
            Text::new("无障碍说明", "Accessibility notes"),
            record.accessibility_notes.clone(),
        ),
        (Text::new("安全须知", "Safety notes"), record.safety_notes.clone()),
    ]
}

/// Fields that differ between `before` and `after`. Without `before` (never
/// approved), every field of `after` that has a value is listed as new.
pub fn changes(before: Option<&ResourceRecord>, after: &ResourceRecord) -> Vec<FieldChange> {
    let after_fields = fields(after);
    let before_fields = match before {
        Some(record) => fields(record),
        None => after_fields
            .iter()
            .map(|(label, _)| (label.clone(), String::new()))
            .collect(),
    };
    before_fields
        .into_iter()
        .zip(after_fields)
        .filter(|((_, old), (_, new))| old != new && !(old.is_empty() && new.is_empty()))
        .map(|((label, before), (_, after))| FieldChange { label, before, after })
        .filter(|change| !(before.is_none() && change.after == "0"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::model::FeeKind;

    fn record() -> ResourceRecord {
        ResourceRecord {
            name: "首都博物馆".into(),
            themes: vec![Theme::CulturalHeritage],
            opening_hours_text: "周二至周日 9:00-17:00，周一闭馆".into(),
            group_capacity: 100,
            fee_kind: Some(FeeKind::Free),
            latitude: Some(39.9056),
            ..ResourceRecord::default()
        }
    }

    #[test]
    fn identical_records_have_no_changes() {
        assert!(changes(Some(&record()), &record()).is_empty());
    }

    #[test]
    fn changed_fields_are_listed_with_both_values() {
        let mut after = record();
        after.opening_hours_text = "周二至周日 9:00-16:30，周一闭馆".into();
        after.themes.push(Theme::RedEducation);
        let list = changes(Some(&record()), &after);
        let labels: Vec<&str> = list.iter().map(|c| c.label.zh.as_str()).collect();
        assert_eq!(labels, vec!["主题", "开放时间"]);
        assert_eq!(list[0].before, "文化传承");
        assert_eq!(list[0].after, "文化传承、红色教育");
        assert_eq!(list[1].before, "周二至周日 9:00-17:00，周一闭馆");
    }

    #[test]
    fn tiny_coordinate_noise_is_ignored() {
        let mut after = record();
        after.latitude = Some(39.905_600_000_1);
        assert!(changes(Some(&record()), &after).is_empty());
    }

    #[test]
    fn first_review_lists_filled_fields() {
        let list = changes(None, &record());
        let labels: Vec<&str> = list.iter().map(|c| c.label.zh.as_str()).collect();
        assert_eq!(
            labels,
            vec!["资源名称", "主题", "开放时间", "纬度", "团体接待人数", "收费方式"]
        );
        assert!(list.iter().all(|c| c.before.is_empty()));
    }
}
