//! The fields of the resource form, shared by "new" and "edit".

use leptos::prelude::*;

use super::super::form::ResourceRecord;
use super::super::model::{FeeKind, ResourceType, Stage, Theme};
use super::widgets::{Checkboxes, TextArea};
use crate::forms::{Field, FormState, SelectField};
use crate::geo::Datum;
use crate::i18n::{use_locale, use_texts};
use crate::regions::picker::RegionPicker;

/// Every field names its error key; the flash refills them after a failed
/// post without JavaScript, else `record` fills them.
#[component]
pub fn ResourceFields(form: FormState, record: Option<ResourceRecord>) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    let record = record.unwrap_or_default();
    let number = |value: i32| if value > 0 { value.to_string() } else { String::new() };
    let coordinate = |value: Option<f64>| value.map(|v| format!("{v:.6}")).unwrap_or_default();
    let region = Some(form.value("form[region]"))
        .filter(|v| !v.is_empty())
        .unwrap_or(record.region_code.clone());

    view! {
        <Field label=t.name name="form[name]" field="name" form required=true initial=record.name.clone() />
        <SelectField
            label=t.resource_type
            name="form[resource_type]"
            field="resource_type"
            form
            required=true
            placeholder=t.choose
            options=ResourceType::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
            initial=record.resource_type.map(|k| k.code().to_owned()).unwrap_or_default()
        />
        <Checkboxes
            legend=t.themes
            name="form[themes]"
            field="themes"
            form
            options=Theme::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
            initial=record.themes.iter().map(|k| k.code().to_owned()).collect()
        />
        <Checkboxes
            legend=t.stages
            name="form[stages]"
            field="stages"
            form
            options=Stage::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
            initial=record.stages.iter().map(|k| k.code().to_owned()).collect()
        />
        <TextArea label=t.summary name="form[summary]" field="summary" form initial=record.summary.clone() />
        <TextArea label=t.strengths name="form[strengths]" field="strengths" form initial=record.strengths.clone() />
        <TextArea label=t.services name="form[services]" field="services" form initial=record.services.clone() />
        <TextArea
            label=t.opening_hours
            name="form[opening_hours]"
            field="opening_hours"
            form
            required=true
            hint=t.opening_hours_hint
            initial=record.opening_hours_text.clone()
        />
        <Field
            label=t.contact_name
            name="form[contact_name]"
            field="contact_name"
            form
            required=true
            initial=record.contact_name.clone()
        />
        <Field
            label=t.contact_phone
            name="form[contact_phone]"
            field="contact_phone"
            form
            kind="tel"
            required=true
            initial=record.contact_phone.clone()
        />
        <RegionPicker name="form[region]" initial=region />
        <p class="field__error" aria-live="polite">
            {move || form.field_error("region")}
        </p>
        <Field label=t.address name="form[address]" field="address" form required=true initial=record.address.clone() />
        <div class="field-row">
            <Field
                label=t.latitude
                name="form[latitude]"
                field="latitude"
                form
                hint=t.coordinates_hint
                initial=coordinate(record.latitude)
            />
            <Field
                label=t.longitude
                name="form[longitude]"
                field="longitude"
                form
                initial=coordinate(record.longitude)
            />
            <SelectField
                label=t.datum
                name="form[datum]"
                field="datum"
                form
                placeholder=t.datum_default
                options=Datum::ALL
                    .iter()
                    .map(|d| {
                        let code = match d {
                            Datum::Wgs84 => "wgs84",
                            Datum::Gcj02 => "gcj02",
                            Datum::Bd09 => "bd09",
                        };
                        (code, d.label(locale))
                    })
                    .collect()
            />
        </div>
        <Field
            label=t.group_capacity
            name="form[group_capacity]"
            field="group_capacity"
            form
            kind="number"
            required=true
            initial=number(record.group_capacity)
        />
        <SelectField
            label=t.fee
            name="form[fee_kind]"
            field="fee_kind"
            form
            required=true
            placeholder=t.choose
            options=FeeKind::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
            initial=record.fee_kind.map(|k| k.code().to_owned()).unwrap_or_default()
        />
        <Field label=t.fee_note name="form[fee_note]" field="fee_note" form initial=record.fee_note.clone() />
        <TextArea
            label=t.accessibility_notes
            name="form[accessibility_notes]"
            field="accessibility_notes"
            form
            initial=record.accessibility_notes.clone()
        />
        <TextArea
            label=t.safety_notes
            name="form[safety_notes]"
            field="safety_notes"
            form
            initial=record.safety_notes.clone()
        />
    }
}
