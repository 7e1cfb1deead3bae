//! Region picker: three linked selects (province → city → county).
//!
//! With JavaScript the lower selects fill in as soon as a higher one changes.
//! Without it, the selects still submit with their form: the page reads the
//! deepest chosen level with [`picked_code`] and renders the next level's
//! options, so the user picks one level per submit.
//!
//! The options come from the region tree compiled into the app
//! ([`super::table`]), not from a request, so server and client render the
//! same options whatever order a page's data arrives in.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use super::is_valid_code;
use super::table::{PickerOption, children};
use crate::i18n::use_texts;

/// The code chosen in a picker named `name`: the hidden field that the
/// client keeps up to date, else the deepest select that has a value.
pub fn picked_code(query: &ParamsMap, name: &str) -> Option<String> {
    [
        name.to_owned(),
        format!("{name}_county"),
        format!("{name}_city"),
        format!("{name}_province"),
    ]
    .iter()
    .filter_map(|key| query.get(key))
    .find(|code| is_valid_code(code))
}

/// Name of a level's select: `region` → `region_city`, and for a field
/// inside a struct argument `form[region]` → `form[region_city]`.
pub fn level_field(name: &str, level: &str) -> String {
    match name.strip_suffix(']') {
        Some(stem) => format!("{stem}_{level}]"),
        None => format!("{name}_{level}"),
    }
}

/// Splits a code into the province, city and county codes that lead to it.
fn split_code(code: &str) -> (String, String, String) {
    if !is_valid_code(code) {
        return Default::default();
    }
    let province = format!("{}0000", &code[..2]);
    let city = if code.ends_with("0000") {
        String::new()
    } else {
        format!("{}00", &code[..4])
    };
    let county = if code.ends_with("00") {
        String::new()
    } else {
        code.to_owned()
    };
    (province, city, county)
}

#[component]
pub fn RegionPicker(
    /// Name of the form field that receives the chosen six-digit code.
    #[prop(into)]
    name: String,
    /// Code selected at first, at any level; empty for none.
    #[prop(optional, into)]
    initial: String,
) -> impl IntoView {
    let t = &use_texts().regions;
    let id_base = name.replace(['[', ']'], "-").trim_end_matches('-').to_owned();
    let (first_province, first_city, first_county) = split_code(&initial);
    let province = RwSignal::new(first_province);
    let city = RwSignal::new(first_city);
    let county = RwSignal::new(first_county);

    let provinces = Signal::derive(|| children(""));
    let cities = Signal::derive(move || province.with(|code| if code.is_empty() { &[][..] } else { children(code) }));
    let counties = Signal::derive(move || city.with(|code| if code.is_empty() { &[][..] } else { children(code) }));

    let chosen = move || {
        [county.get(), city.get(), province.get()]
            .into_iter()
            .find(|code| !code.is_empty())
            .unwrap_or_default()
    };

    view! {
        <fieldset class="region-picker">
            <legend>{t.picker_legend}</legend>
            <input type="hidden" name=name.clone() prop:value=chosen />
            <Level
                id=format!("{}-province", id_base)
                field=level_field(&name, "province")
                label=t.picker_province
                options=provinces
                selected=province
                on_pick=move |code| {
                    province.set(code);
                    city.set(String::new());
                    county.set(String::new());
                }
            />
            <Level
                id=format!("{}-city", id_base)
                field=level_field(&name, "city")
                label=t.picker_city
                options=cities
                selected=city
                on_pick=move |code| {
                    city.set(code);
                    county.set(String::new());
                }
            />
            <Level
                id=format!("{}-county", id_base)
                field=level_field(&name, "county")
                label=t.picker_county
                options=counties
                selected=county
                on_pick=move |code| county.set(code)
            />
        </fieldset>
    }
}

#[component]
fn Level(
    id: String,
    field: String,
    label: &'static str,
    options: Signal<&'static [PickerOption]>,
    selected: RwSignal<String>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let t = &use_texts().regions;
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=field on:change=move |ev| on_pick(event_target_value(&ev))>
                <option value="">{t.picker_choose}</option>
                {move || {
                    options
                        .get()
                        .iter()
                        .map(|region| {
                            let code = region.code.clone();
                            view! {
                                <option value=region.code.clone() selected=move || selected.get() == code>
                                    {region.name.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_fields_follow_the_name() {
        assert_eq!(level_field("region", "city"), "region_city");
        assert_eq!(level_field("form[region]", "county"), "form[region_county]");
    }

    #[test]
    fn split_code_by_level() {
        assert_eq!(split_code("110000"), ("110000".into(), String::new(), String::new()));
        assert_eq!(split_code("110100"), ("110000".into(), "110100".into(), String::new()));
        assert_eq!(
            split_code("110101"),
            ("110000".into(), "110100".into(), "110101".into())
        );
        assert_eq!(split_code("bad"), Default::default());
    }
}
