//! Clauses that close the venue or set the holiday and make-up-workday
//! rules.

use super::draft::{Draft, Selection, Target, only, periods, push_unique};
use super::{holiday_rule, unreadable};
use crate::i18n::Text;
use crate::resources::opening_hours::items::Item;
use crate::resources::opening_hours::lexer::Word;
use crate::resources::opening_hours::{AnnualClosure, HolidayRule, MakeupWorkdayRule};

impl Draft {
    pub(super) fn apply_makeup(&mut self, items: &[Item], part: &str) -> Result<(), Text> {
        let allowed = |item: &Item| match item {
            Item::Days(days) => days.len() == 1,
            Item::Word(word) => matches!(
                word,
                Word::Makeup | Word::Closed | Word::Open | Word::AsUsual | Word::Follow
            ),
            _ => false,
        };
        if !only(items, allowed) {
            return Err(unreadable(part));
        }

        let has = |word| items.contains(&Item::Word(word));
        let single_day = items.iter().find_map(|item| match item {
            Item::Days(days) => days.first().copied(),
            _ => None,
        });
        self.hours.makeup_workdays = match single_day {
            _ if has(Word::Closed) => MakeupWorkdayRule::Closed,
            Some(weekday) => MakeupWorkdayRule::AsWeekday { weekday },
            None if has(Word::Open) || has(Word::AsUsual) => MakeupWorkdayRule::OwnWeekday,
            None => return Err(unreadable(part)),
        };
        Ok(())
    }

    pub(super) fn apply_holiday(&mut self, items: &[Item], part: &str) -> Result<(), Text> {
        let ranges = periods(items);
        if !ranges.is_empty() {
            let allowed = |item: &Item| {
                matches!(
                    item,
                    Item::Range(_) | Item::AllDay | Item::Word(Word::Holiday | Word::Open | Word::AsUsual)
                )
            };
            if !only(items, allowed) {
                return Err(unreadable(part));
            }
            self.hours.holidays = HolidayRule::Special { hours: ranges };
            self.last_periods = Some(Selection {
                target: Target::Holidays,
                days: Vec::new(),
            });
            return Ok(());
        }

        // 周一及法定节假日闭馆 also closes the weekday; 周一闭馆法定节假日除外
        // closes it on other days.
        if items.contains(&Item::Word(Word::Closed)) {
            self.apply_closure(items, part)?;
        } else if !only(items, |item| {
            matches!(
                item,
                Item::Word(Word::Holiday | Word::Except | Word::Open | Word::AsUsual)
            )
        }) {
            return Err(unreadable(part));
        }
        match holiday_rule(items, self.closing_in_sentence) {
            Some(rule) => {
                self.hours.holidays = rule;
                Ok(())
            }
            None => Err(unreadable(part)),
        }
    }

    pub(super) fn apply_closure(&mut self, items: &[Item], part: &str) -> Result<(), Text> {
        self.previous = None;
        if let [Item::Time(end), Item::Word(Word::Closed)] | [Item::Word(Word::Closed), Item::Time(end)] = items {
            return self.close_pending(*end, part);
        }

        let mut closed_something = false;
        for item in items {
            closed_something |= match item {
                Item::Days(days) => {
                    self.closing.extend(days);
                    self.closing_in_sentence = true;
                    true
                }
                Item::Word(Word::Holiday) => true,
                Item::Festival(name) => {
                    push_unique(&mut self.hours.closed_holidays, (*name).to_owned());
                    true
                }
                Item::Lunar(closures) => {
                    for closure in closures {
                        push_unique(&mut self.hours.annual_closures, *closure);
                    }
                    true
                }
                Item::MonthDay(month_day) => {
                    let closure = AnnualClosure::Date { month_day: *month_day };
                    push_unique(&mut self.hours.annual_closures, closure);
                    true
                }
                Item::Dates(dates) => {
                    for date in dates {
                        self.set_exception(*date, Vec::new(), true);
                    }
                    true
                }
                Item::Word(Word::Closed | Word::Except) => false,
                _ => return Err(unreadable(part)),
            };
        }
        if closed_something {
            Ok(())
        } else {
            Err(unreadable(part))
        }
    }
}
