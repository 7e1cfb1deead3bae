//! Form pieces the resource pages share: a text area and a group of
//! checkboxes, both with their error message, and a status badge.

use leptos::prelude::*;

use super::super::model::ResourceStatus;
use crate::forms::FormState;
use crate::i18n::use_locale;

fn input_id(name: &str) -> String {
    name.replace(['[', ']'], "-").trim_end_matches('-').to_owned()
}

/// Renders a labelled text area with a hint and its error message.
#[component]
pub fn TextArea(
    label: &'static str,
    /// The input's `name`, e.g. `form[summary]`.
    name: &'static str,
    /// The key of this field in validation errors.
    field: &'static str,
    form: FormState,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] initial: Option<String>,
    /// Visible lines.
    #[prop(default = 3)]
    rows: u32,
) -> impl IntoView {
    let id = input_id(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let value = Some(form.value(name))
        .filter(|v| !v.is_empty())
        .or(initial)
        .unwrap_or_default();
    let error = move || form.field_error(field);
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--required=required class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="field__hint" id=hint_id.clone()>{text}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
            <p class="field__error" id=error_id aria-live="polite">
                {error}
            </p>
        </div>
    }
}

/// Renders a group of checkboxes, posted as `{name}[code]=on`.
#[component]
pub fn Checkboxes(
    legend: &'static str,
    /// Prefix of the inputs' names, e.g. `form[themes]`.
    name: &'static str,
    field: &'static str,
    form: FormState,
    /// `(code, label)` pairs.
    options: Vec<(&'static str, &'static str)>,
    /// Codes ticked when the flash has none.
    #[prop(optional)]
    initial: Vec<String>,
) -> impl IntoView {
    let remembered = form.value(name);
    let ticked: Vec<String> = if remembered.is_empty() {
        initial
    } else {
        remembered.split(',').map(str::to_owned).collect()
    };
    let id = input_id(name);
    let error = move || form.field_error(field);
    view! {
        <fieldset class="field choice" class:field--invalid=move || error().is_some()>
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(code, label)| {
                    let checked = ticked.iter().any(|t| t == code);
                    let box_id = format!("{id}-{code}");
                    view! {
                        <label for=box_id.clone()>
                            <input type="checkbox" id=box_id.clone() name=format!("{name}[{code}]") value="on" checked=checked />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
            <p class="field__error" aria-live="polite">
                {error}
            </p>
        </fieldset>
    }
}

/// Renders the workflow status as a badge.
#[component]
pub fn StatusBadge(status: ResourceStatus) -> impl IntoView {
    let locale = use_locale();
    view! { <span class=format!("badge badge--{}", status.code())>{status.label(locale)}</span> }
}
