//! Form building blocks: a field with its label and error, a select, and
//! the form-level alert and notice.

use leptos::prelude::*;

use super::FormFlash;
use crate::error::AppError;
use crate::i18n::{Text, use_locale};

/// Errors and values of one form, from the server function's last response
/// (with JavaScript) or from the flash (without).
#[derive(Clone, Copy)]
pub struct FormState {
    error: Signal<Option<AppError>>,
    notice: Signal<Option<Text>>,
    values: StoredValue<Vec<(String, String)>>,
}

impl FormState {
    /// `error` and `notice` come from the action's value; `flash` from
    /// [`super::use_flash`].
    pub fn new(error: Signal<Option<AppError>>, notice: Signal<Option<Text>>, flash: Option<FormFlash>) -> Self {
        let flash = flash.unwrap_or_default();
        let flash_error = flash.error.clone();
        let flash_notice = flash.notice.clone();
        Self {
            error: Signal::derive(move || error.get().or_else(|| flash_error.clone())),
            notice: Signal::derive(move || notice.get().or_else(|| flash_notice.clone())),
            values: StoredValue::new(flash.values),
        }
    }

    /// The message for `field`, if the last answer has one.
    pub fn field_error(&self, field: &str) -> Option<String> {
        let locale = use_locale();
        self.error.get().and_then(|err| err.field_message(field, locale))
    }

    /// The message for the whole form: any error that is not about a field
    /// shown on the form, listed in `fields`.
    pub fn form_error(&self, fields: &[&str]) -> Option<String> {
        let locale = use_locale();
        let error = self.error.get()?;
        match &error {
            AppError::Validation(errors) if errors.iter().all(|e| fields.contains(&e.field.as_str())) => None,
            AppError::Validation(errors) => errors
                .iter()
                .find(|e| !fields.contains(&e.field.as_str()))
                .map(|e| e.message.get(locale).to_owned()),
            other => Some(other.message(locale)),
        }
    }

    pub fn notice(&self) -> Option<String> {
        let locale = use_locale();
        self.notice.get().map(|text| text.get(locale).to_owned())
    }

    /// The value to fill `input_name` with after a failed plain post.
    pub fn value(&self, input_name: &str) -> String {
        self.values.with_value(|values| {
            values
                .iter()
                .find(|(name, _)| name == input_name)
                .map(|(_, value)| value.clone())
                .unwrap_or_default()
        })
    }
}

fn input_id(name: &str) -> String {
    name.replace(['[', ']'], "-").trim_end_matches('-').to_owned()
}

/// A labelled input with its error message below it.
#[component]
pub fn Field(
    /// The visible label.
    label: &'static str,
    /// The input's `name`, e.g. `form[name]`.
    name: &'static str,
    /// The key of this field in validation errors, e.g. `name`.
    field: &'static str,
    form: FormState,
    /// The input `type`; `text` by default.
    #[prop(optional)]
    kind: Option<&'static str>,
    /// The `autocomplete` hint.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// A hint shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// A value to start with when the flash has none.
    #[prop(optional, into)]
    initial: Option<String>,
) -> impl IntoView {
    let id = input_id(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let kind = kind.unwrap_or("text");
    let is_password = kind == "password";
    let value = if is_password {
        String::new()
    } else {
        Some(form.value(name))
            .filter(|v| !v.is_empty())
            .or(initial)
            .unwrap_or_default()
    };
    let error = move || form.field_error(field);
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
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
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described
            />
            <p class="field__error" id=error_id aria-live="polite">
                {error}
            </p>
        </div>
    }
}

/// A labelled select with its error message.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    field: &'static str,
    form: FormState,
    /// `(value, label)` pairs; an empty first option is added.
    options: Vec<(&'static str, &'static str)>,
    /// Label of the empty first option.
    placeholder: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] initial: Option<String>,
) -> impl IntoView {
    let id = input_id(name);
    let error_id = format!("{id}-error");
    let chosen = Some(form.value(name))
        .filter(|v| !v.is_empty())
        .or(initial)
        .unwrap_or_default();
    let error = move || form.field_error(field);
    let described = {
        let error_id = error_id.clone();
        move || error().is_some().then(|| error_id.clone())
    };

    view! {
        <div class="field" class:field--required=required class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                required=required
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described
            >
                <option value="">{placeholder}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <option value=value selected=chosen == value>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field__error" id=error_id aria-live="polite">
                {error}
            </p>
        </div>
    }
}

/// The form-level error, for errors that belong to no shown field.
#[component]
pub fn FormAlert(form: FormState, fields: &'static [&'static str]) -> impl IntoView {
    move || {
        form.form_error(fields).map(|message| {
            view! {
                <p class="notice notice--error" role="alert">
                    {message}
                </p>
            }
        })
    }
}

/// The success message of the last submit.
#[component]
pub fn FormNotice(form: FormState) -> impl IntoView {
    move || {
        form.notice().map(|message| {
            view! {
                <p class="notice notice--success" role="status">
                    {message}
                </p>
            }
        })
    }
}
