//! A file input for plain multipart forms, with the message of a problem
//! the server reported in the page's `error` query parameter.

use leptos::prelude::*;

/// A required, labelled file input with a hint.
#[component]
pub fn FileField(
    /// The visible label.
    label: &'static str,
    /// The input's `id`.
    id: &'static str,
    /// The input's `name`, the multipart field the server reads.
    name: &'static str,
    /// A hint shown under the label.
    hint: &'static str,
    /// The `accept` list of file types offered by the file picker.
    accept: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field field--required">
            <label for=id>{label}</label>
            <p class="field__hint" id=hint_id.clone()>
                {hint}
            </p>
            <input id=id name=name type="file" required=true accept=accept aria-describedby=hint_id />
        </div>
    }
}

/// The message of the problem a plain form post came back with, if any.
#[component]
pub fn UploadProblemNotice(
    /// The message to show, from the `error` query parameter.
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|message| {
            view! {
                <p class="notice notice--error" role="alert">
                    {message}
                </p>
            }
        })
    }
}
