//! The public directory: the in-memory search index of published
//! resources, searches, and the public detail page.
//!
//! The index is built from the database once per process (at start-up, or
//! by the first search if that failed) and then kept current by the
//! service functions that publish, edit or take a resource offline.
//!
//! With several instances on one database, each also reads the changes of
//! the others every few seconds (`index_sync`).

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::super::entity::resource;
use super::super::model::{FeeKind, ResourceStatus, ResourceType, Stage, Theme};
use super::super::opening_hours::{OpenStatus, OpeningHours};
use super::super::public::{DirectoryPage, DirectoryQuery, DirectoryRow, PublicResource, map_links};
use super::programmes;
use super::records::{self, parse_codes, record_of, status_of};
use crate::calendar::data::china_calendar;
use crate::calendar::time::china_today;
use crate::error::AppError;
use crate::geo::LatLng;
use crate::i18n::{Locale, Text};
use crate::regions::is_valid_code;
use crate::search::{GeoPoint, OpenOn, Query, SearchDocument, SearchIndex, SharedSearchIndex, SortOrder};
use crate::server::state::AppState;

/// The index entry of a stored resource; `None` unless it is published.
pub fn document_of(row: &resource::Model, provider_name: &str) -> Option<SearchDocument> {
    if status_of(row) != ResourceStatus::Published {
        return None;
    }
    let location = match (row.latitude, row.longitude) {
        (Some(lat), Some(lon)) => GeoPoint::new(lat, lon),
        _ => None,
    };
    Some(SearchDocument {
        id: row.id,
        name: row.name.clone(),
        fields: vec![
            provider_name.to_owned(),
            row.address.clone(),
            row.summary.clone(),
            row.strengths.clone(),
            row.services.clone(),
        ],
        region_code: row.region_code.clone(),
        resource_type: ResourceType::from_code(&row.resource_type).unwrap_or(ResourceType::Other),
        themes: parse_codes(&row.themes, Theme::from_code),
        stages: parse_codes(&row.stages, Stage::from_code),
        fee: FeeKind::from_code(&row.fee_kind),
        location,
        published_at: row.published_at,
        opening_hours: serde_json::from_str::<OpeningHours>(&row.opening_hours).ok(),
    })
}

/// Rebuilds the index from every published resource and swaps it in.
/// Returns the number of indexed resources.
///
/// # Errors
///
/// Database errors.
pub async fn rebuild(state: &AppState) -> Result<usize, AppError> {
    let rows = resource::Entity::find()
        .filter(resource::Column::Status.eq(ResourceStatus::Published.code()))
        .all(state.db.conn())
        .await?;
    let providers = records::provider_names(state, rows.iter().map(|r| r.provider_id)).await?;
    let documents: Vec<SearchDocument> = rows
        .iter()
        .filter_map(|row| document_of(row, providers.get(&row.provider_id).map_or("", String::as_str)))
        .collect();
    let index = tokio::task::spawn_blocking(move || SearchIndex::build(documents))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "building the search index panicked");
            AppError::Internal
        })?;
    let count = index.len();
    state.search.replace(index);
    tracing::info!(count, "directory search index built");
    Ok(count)
}

/// The search index, built on first use.
///
/// # Errors
///
/// Database errors of the first build.
pub async fn ensure_index(state: &AppState) -> Result<&SharedSearchIndex, AppError> {
    state
        .search_built
        .get_or_try_init(|| async { rebuild(state).await.map(|_| ()) })
        .await?;
    Ok(&state.search)
}

/// Brings the index in line with a resource that was just saved. The
/// change is already committed, so a failure is logged, not returned.
pub async fn refresh(state: &AppState, row: &resource::Model) {
    if state.search_built.get().is_none() {
        // The first build reads the committed row.
        if let Err(err) = ensure_index(state).await {
            tracing::warn!(error = ?err, resource_id = row.id, "directory index not built yet");
        }
        return;
    }
    if status_of(row) != ResourceStatus::Published {
        state.search.remove(row.id);
        return;
    }
    let provider = records::provider_names(state, [row.provider_id]).await;
    match provider {
        Ok(names) => {
            let name = names.get(&row.provider_id).map_or("", String::as_str);
            if let Some(document) = document_of(row, name) {
                state.search.upsert(document);
            }
        }
        Err(err) => tracing::warn!(error = ?err, resource_id = row.id, "updating the directory index failed"),
    }
}

fn notice(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

/// Turns the URL query into a search, with notices for ignored values.
/// Distances are measured from the typed point, or else from `home`.
fn prepare<'a>(
    input: &DirectoryQuery,
    date: Option<NaiveDate>,
    home: Option<LatLng>,
    notices: &mut Vec<Text>,
) -> Query<'a> {
    let mut query = Query {
        text: input.q.chars().take(100).collect(),
        page: usize::try_from(input.page).unwrap_or(usize::MAX).saturating_add(1),
        ..Query::default()
    };
    let region = input.region.trim();
    if !region.is_empty() {
        if is_valid_code(region) {
            query.region_scope = Some(region.to_owned());
        } else {
            notices.push(notice(
                "地区代码无效，已忽略",
                "The region code is invalid and was ignored",
            ));
        }
    }
    if let Some(kind) = ResourceType::from_code(input.resource_type.trim()) {
        query.resource_types.push(kind);
    }
    if let Some(theme) = Theme::from_code(input.theme.trim()) {
        query.themes.push(theme);
    }
    if let Some(stage) = Stage::from_code(input.stage.trim()) {
        query.stages.push(stage);
    }
    if let Some(fee) = FeeKind::from_code(input.fee.trim()) {
        query.fees.push(fee);
    }
    if let Some(date) = date {
        query.open_on = Some(OpenOn {
            date,
            calendar: china_calendar(),
        });
    }
    let (lat, lng) = (input.lat.trim(), input.lng.trim());
    if !lat.is_empty() || !lng.is_empty() {
        match (lat.parse::<f64>(), lng.parse::<f64>()) {
            (Ok(lat), Ok(lng)) => query.origin = GeoPoint::new(lat, lng),
            _ => notices.push(notice(
                "位置坐标无效，无法按距离排序",
                "The location is invalid, so results are not sorted by distance",
            )),
        }
    } else if let Some(home) = home {
        query.origin = GeoPoint::new(home.lat, home.lng);
        if input.sort.trim() == "distance" {
            notices.push(notice(
                "距离从本单位的位置起算",
                "Distances are measured from your organisation's location",
            ));
        }
    }
    query.sort = match input.sort.trim() {
        "distance" if query.origin.is_some() => SortOrder::Distance,
        "distance" => {
            notices.push(notice(
                "按距离排序需要一个位置：请填写纬度和经度，或请本机构管理员在“本机构”页设置位置。已改为按相关度排序",
                "Sorting by distance needs a location: type a latitude and longitude, or ask your organisation's admin to set its location on the My organisation page. Results are sorted by relevance",
            ));
            SortOrder::Relevance
        }
        "newest" => SortOrder::Newest,
        _ => SortOrder::Relevance,
    };
    query
}

/// Searches the directory.
///
/// # Errors
///
/// Database errors.
pub async fn search(state: &AppState, input: DirectoryQuery, home: Option<LatLng>) -> Result<DirectoryPage, AppError> {
    let mut notices = Vec::new();
    let date = match input.date.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                notices.push(notice(
                    "开放日期格式应为 年-月-日，例如 2026-05-01，已忽略",
                    "The date must look like 2026-05-01; it was ignored",
                ));
                None
            }
        },
    };
    let query = prepare(&input, date, home, &mut notices);
    let by_distance = query.sort == SortOrder::Distance;
    let index = ensure_index(state).await?;
    let result = index.search(&query);

    let models = resource::Entity::find()
        .filter(resource::Column::Id.is_in(result.ids.clone()))
        .all(state.db.conn())
        .await?;
    let regions = records::region_names(state, models.iter().map(|m| m.region_code.clone())).await?;
    let providers = records::provider_names(state, models.iter().map(|m| m.provider_id)).await?;
    let mut by_id: HashMap<i64, resource::Model> = models.into_iter().map(|m| (m.id, m)).collect();

    let rows = result
        .ids
        .iter()
        .zip(result.distances_m.iter())
        .filter_map(|(id, distance)| {
            let row = by_id.remove(id)?;
            Some(DirectoryRow {
                id: row.id,
                provider_name: providers.get(&row.provider_id).cloned().unwrap_or_default(),
                resource_type: ResourceType::from_code(&row.resource_type),
                themes: parse_codes(&row.themes, Theme::from_code),
                fee_kind: FeeKind::from_code(&row.fee_kind),
                region_name: regions.get(&row.region_code).cloned().unwrap_or_default(),
                address: row.address,
                name: row.name,
                distance_m: *distance,
            })
        })
        .collect();
    Ok(DirectoryPage {
        total: result.total as u64,
        page: (result.page.max(1) - 1) as u64,
        per_page: result.page_size as u64,
        rows,
        notices,
        by_distance,
    })
}

fn today_text(status: &OpenStatus) -> Text {
    match status {
        OpenStatus::Open { ranges } => {
            let hours: Vec<String> = ranges.iter().map(ToString::to_string).collect();
            Text::new(
                format!("今天开放 {}", hours.join("、")),
                format!("Open today {}", hours.join(", ")),
            )
        }
        OpenStatus::Closed { reason } => {
            let reason = reason.text();
            Text::new(
                format!("今天不开放：{}", reason.zh),
                format!("Closed today: {}", reason.en),
            )
        }
        OpenStatus::Unknown { year } => Text::new(
            format!("{year} 年的放假安排尚未发布，今天是否开放请电话确认"),
            format!("The {year} holiday notice is not published yet; call to check whether it opens today"),
        ),
    }
}

/// A published resource for its public page.
///
/// # Errors
///
/// [`AppError::NotFound`] unless published; database errors.
pub async fn public_details(state: &AppState, id: i64) -> Result<PublicResource, AppError> {
    let row = records::find(state.db.conn(), id).await?;
    if status_of(&row) != ResourceStatus::Published {
        return Err(AppError::NotFound);
    }
    let hours: OpeningHours = serde_json::from_str(&row.opening_hours).unwrap_or_default();
    let status = hours.status_on(china_today(), china_calendar());
    let map = match (row.latitude, row.longitude) {
        (Some(lat), Some(lng)) => Some(map_links(LatLng::new(lat, lng), &row.name)),
        _ => None,
    };
    let programmes = programmes::published_of(state, id).await?;
    let photos = crate::resources::photos::service::stored_photos(state, id).await?;
    let details = records::details_of(state, row.clone()).await?;
    Ok(PublicResource {
        id,
        provider_name: details.provider_name,
        region_name: details.region_name,
        record: record_of(&row),
        opening_hours: Text::new(hours.describe(Locale::Zh), hours.describe(Locale::En)),
        open_today: status.is_open(),
        today: today_text(&status),
        map,
        programmes,
        photos,
        last_verified_at: row.last_verified_at,
        published_at: row.published_at,
    })
}
