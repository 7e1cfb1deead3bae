//! Server functions of the resource database and the directory. Each is
//! thin: it resolves the caller and calls a service function, which checks
//! the permission with the policy.

pub mod bureau;
pub mod directory;
pub mod programmes;
pub mod provider;

#[cfg(feature = "ssr")]
use super::form::{ProgrammeForm, ResourceForm};

/// Remembers the posted values of a resource form, so a page reloaded
/// after a failed plain post shows them again.
#[cfg(feature = "ssr")]
pub(crate) fn remember_resource_form(form: &ResourceForm) {
    let mut values = vec![
        ("form[name]".to_owned(), form.name.clone()),
        ("form[resource_type]".to_owned(), form.resource_type.clone()),
        ("form[summary]".to_owned(), form.summary.clone()),
        ("form[strengths]".to_owned(), form.strengths.clone()),
        ("form[services]".to_owned(), form.services.clone()),
        ("form[opening_hours]".to_owned(), form.opening_hours.clone()),
        ("form[contact_name]".to_owned(), form.contact_name.clone()),
        ("form[contact_phone]".to_owned(), form.contact_phone.clone()),
        // The picked level, so a page reloaded without JavaScript offers the
        // next level of the picker.
        (
            "form[region]".to_owned(),
            crate::accounts::api::orgs::picked_region(
                &form.region,
                &form.region_province,
                &form.region_city,
                &form.region_county,
            ),
        ),
        ("form[address]".to_owned(), form.address.clone()),
        ("form[latitude]".to_owned(), form.latitude.clone()),
        ("form[longitude]".to_owned(), form.longitude.clone()),
        ("form[datum]".to_owned(), form.datum.clone()),
        ("form[group_capacity]".to_owned(), form.group_capacity.clone()),
        ("form[fee_kind]".to_owned(), form.fee_kind.clone()),
        ("form[fee_note]".to_owned(), form.fee_note.clone()),
        ("form[accessibility_notes]".to_owned(), form.accessibility_notes.clone()),
        ("form[safety_notes]".to_owned(), form.safety_notes.clone()),
    ];
    values.push(("form[themes]".to_owned(), join_keys(&form.themes)));
    values.push(("form[stages]".to_owned(), join_keys(&form.stages)));
    remember_pairs(values);
}

/// Remembers the posted values of a programme form.
#[cfg(feature = "ssr")]
pub(crate) fn remember_programme_form(form: &ProgrammeForm) {
    remember_pairs(vec![
        ("form[name]".to_owned(), form.name.clone()),
        ("form[description]".to_owned(), form.description.clone()),
        ("form[duration_minutes]".to_owned(), form.duration_minutes.clone()),
        (
            "form[capacity_per_session]".to_owned(),
            form.capacity_per_session.clone(),
        ),
        ("form[pupils_per_teacher]".to_owned(), form.pupils_per_teacher.clone()),
        ("form[fee_kind]".to_owned(), form.fee_kind.clone()),
        ("form[fee_note]".to_owned(), form.fee_note.clone()),
        ("form[themes]".to_owned(), join_keys(&form.themes)),
        ("form[stages]".to_owned(), join_keys(&form.stages)),
    ]);
}

/// Ticked checkbox codes as one comma-separated value.
#[cfg(feature = "ssr")]
fn join_keys(boxes: &std::collections::BTreeMap<String, String>) -> String {
    boxes.keys().cloned().collect::<Vec<_>>().join(",")
}

#[cfg(feature = "ssr")]
fn remember_pairs(values: Vec<(String, String)>) {
    let borrowed: Vec<(&str, String)> = values.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    crate::forms::remember(&borrowed);
}
