//! Attribute filters of a query: type, fee, themes, stages, region and
//! open-on-date.

use std::cell::Cell;

use crate::calendar::DayStatus;
use crate::regions;
use crate::resources::model::{Stage, Theme};
use crate::resources::opening_hours::OpeningHours;

use super::document::Query;
use super::index::{Entry, mask_of};

/// The attribute filters of a query, prepared once per search.
pub(super) struct Filter<'q> {
    query: &'q Query<'q>,
    themes: u32,
    stages: u32,
    day: Option<DayStatus>,
    schedules: &'q [OpeningHours],
    /// Open-on-date result per schedule id, decided on first use:
    /// 0 not yet decided, 1 open, 2 closed or unknown.
    open_by_schedule: Vec<Cell<u8>>,
}

impl<'q> Filter<'q> {
    pub(super) fn new(query: &'q Query<'q>, schedules: &'q [OpeningHours]) -> Filter<'q> {
        let day = query.open_on.map(|open_on| open_on.calendar.status(open_on.date));
        let open_by_schedule = if day.is_some() {
            schedules.iter().map(|_| Cell::new(0)).collect()
        } else {
            Vec::new()
        };
        Filter {
            query,
            themes: mask_of(&query.themes, Theme::ALL),
            stages: mask_of(&query.stages, Stage::ALL),
            day,
            schedules,
            open_by_schedule,
        }
    }

    /// Returns whether the entry passes every filter of the query.
    pub(super) fn keeps(&self, entry: &Entry) -> bool {
        let query = self.query;
        if !query.resource_types.is_empty() && !query.resource_types.contains(&entry.resource_type) {
            return false;
        }
        if !query.fees.is_empty() && !entry.fee.is_some_and(|fee| query.fees.contains(&fee)) {
            return false;
        }
        if self.themes != 0 && entry.themes & self.themes == 0 {
            return false;
        }
        if self.stages != 0 && entry.stages & self.stages == 0 {
            return false;
        }
        if let Some(scope) = &query.region_scope
            && !regions::is_within(&entry.region_code, scope)
        {
            return false;
        }
        if let (Some(open_on), Some(day)) = (query.open_on, &self.day) {
            let Some(schedule) = entry.schedule.map(|id| id as usize) else {
                return false;
            };
            let (Some(cached), Some(hours)) = (self.open_by_schedule.get(schedule), self.schedules.get(schedule))
            else {
                return false;
            };
            if cached.get() == 0 {
                let open = hours.is_open_for_day(open_on.date, day) == Some(true);
                cached.set(if open { 1 } else { 2 });
            }
            if cached.get() != 1 {
                return false;
            }
        }
        true
    }
}
