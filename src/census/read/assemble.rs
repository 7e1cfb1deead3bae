//! From a grid of cells to a [`RawSheet`]: find the header row, map its
//! cells to template columns, and turn formula, date, error and merged
//! cells into row errors.

use std::collections::HashMap;

use super::super::columns::{Column, column_letter};
use super::super::raw::{RawCell, RawRow, RawSheet, SheetFormat};
use super::super::report::{RowError, SheetError};
use super::{CellValue, Grid, HEADER_SEARCH_ROWS, MAX_DATA_ROWS, Merged};
use crate::i18n::Text;

/// A header row needs at least this many template headers to be taken as
/// the header (a title row rarely contains even one).
const MIN_HEADER_MATCHES: usize = 3;

/// Bound on the (data row, merged range) pairs examined. A real sheet has
/// at most one range per cell, about 20,000 × 18 pairs.
const MAX_MERGED_ROW_PAIRS: usize = 1_000_000;

pub(super) fn assemble(format: SheetFormat, grid: Grid) -> Result<RawSheet, SheetError> {
    let header_row = find_header(&grid)?;
    if grid
        .merged
        .iter()
        .any(|m| m.first_row <= header_row && header_row <= m.last_row)
    {
        return Err(SheetError::MergedHeader {
            row: excel_row(header_row),
        });
    }

    let header_cells = grid.rows.get(&header_row).map(Vec::as_slice).unwrap_or_default();
    let columns = map_header(header_cells)?;

    let merged_by_row = index_merged(&grid, header_row)?;
    let mut rows = Vec::new();
    let mut cell_errors = Vec::new();
    for (&index, cells) in grid.rows.range(header_row.saturating_add(1)..) {
        let number = excel_row(index);
        let mut row = RawRow::blank(number);
        for (col, value) in cells {
            let Some(&column) = columns.get(col) else {
                return Err(SheetError::UnnamedColumn {
                    column: *col,
                    row: number,
                });
            };
            let cell = match value {
                CellValue::Text(text) => RawCell::Text(text.clone()),
                problem => {
                    cell_errors.push(cell_problem(number, column, problem));
                    RawCell::Rejected
                }
            };
            row.set(column, cell);
        }

        if let Some(ranges) = merged_by_row.get(&index) {
            mark_merged(ranges, &columns, &mut row, &mut cell_errors);
        }
        if row.is_blank() {
            continue;
        }
        if rows.len() >= MAX_DATA_ROWS {
            return Err(SheetError::TooManyRows { limit: MAX_DATA_ROWS });
        }
        rows.push(row);
    }

    if rows.is_empty() {
        return Err(SheetError::NoDataRows);
    }
    Ok(RawSheet {
        format,
        rows,
        cell_errors,
    })
}

/// Excel's 1-based row number of a zero-based index.
fn excel_row(index: u32) -> u32 {
    index.saturating_add(1)
}

/// Finds the first of the first [`HEADER_SEARCH_ROWS`] non-empty rows that
/// contains enough template headers.
fn find_header(grid: &Grid) -> Result<u32, SheetError> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, cells)| {
            let matches = cells
                .iter()
                .filter(|(_, value)| matches!(value, CellValue::Text(text) if Column::from_header(text).is_some()))
                .count();
            matches >= MIN_HEADER_MATCHES
        })
        .map(|(&row, _)| row)
        .ok_or(SheetError::HeaderNotFound)
}

/// Maps header cells (by zero-based column) to template columns.
fn map_header(cells: &[(u32, CellValue)]) -> Result<HashMap<u32, Column>, SheetError> {
    let mut columns: HashMap<u32, Column> = HashMap::new();
    let mut unknown = Vec::new();
    let mut duplicated = Vec::new();

    for (col, value) in cells {
        let text = match value {
            CellValue::Text(text) => text.trim(),
            _ => {
                unknown.push(format!("第 {} 列", column_letter(*col)));
                continue;
            }
        };
        match Column::from_header(text) {
            Some(column) if columns.values().any(|c| *c == column) => duplicated.push(text.to_owned()),
            Some(column) => {
                columns.insert(*col, column);
            }
            None => unknown.push(text.to_owned()),
        }
    }

    let missing: Vec<String> = Column::all()
        .filter(|column| column.spec().required && !columns.values().any(|c| c == column))
        .map(|column| column.header().to_owned())
        .collect();

    if missing.is_empty() && unknown.is_empty() && duplicated.is_empty() {
        Ok(columns)
    } else {
        Err(SheetError::HeaderMismatch {
            missing,
            unknown,
            duplicated,
        })
    }
}

fn cell_problem(row: u32, column: Column, problem: &CellValue) -> RowError {
    let header = column.header();
    let english = column.spec().english;
    let message = match problem {
        CellValue::Formula => Text::new(
            format!("“{header}”是公式，请粘贴为数值：复制该列后用“选择性粘贴 → 数值”覆盖"),
            format!("{english} is a formula; paste it as values (copy, then Paste Special → Values)"),
        ),
        CellValue::DateTime => Text::new(
            format!("“{header}”是日期或时间格式的单元格，请把单元格格式设为“文本”后重新填写"),
            format!("{english} is a date or time cell; format the cell as text and type the value again"),
        ),
        CellValue::ErrorValue(code) => Text::new(
            format!("“{header}”显示错误值 {code}，请改为正确的内容"),
            format!("{english} shows the error value {code}; replace it with the right content"),
        ),
        CellValue::Text(_) => Text::new(format!("“{header}”无法读取"), format!("{english} cannot be read")),
    };
    RowError {
        row,
        column: header.to_owned(),
        message,
        duplicate: false,
    }
}

/// Lists, for each data row that contains cells, the merged ranges
/// covering it.
///
/// # Errors
///
/// [`SheetError::WorkbookTooLarge`] when the ranges cover more than
/// [`MAX_MERGED_ROW_PAIRS`] (row, range) pairs, which only crafted or
/// broken files do.
fn index_merged(grid: &Grid, header_row: u32) -> Result<HashMap<u32, Vec<Merged>>, SheetError> {
    let mut by_row: HashMap<u32, Vec<Merged>> = HashMap::new();
    let mut pairs = 0usize;
    for range in &grid.merged {
        let first = range.first_row.max(header_row.saturating_add(1));
        if first > range.last_row {
            continue;
        }
        for (&index, _) in grid.rows.range(first..=range.last_row) {
            pairs += 1;
            if pairs > MAX_MERGED_ROW_PAIRS {
                return Err(SheetError::WorkbookTooLarge);
            }
            by_row.entry(index).or_default().push(*range);
        }
    }
    Ok(by_row)
}

/// Rejects the cells of `row` that lie in the given merged ranges, with one
/// error per range. Only the top-left cell of a range contains the value,
/// so the other rows would silently lose it.
fn mark_merged(ranges: &[Merged], columns: &HashMap<u32, Column>, row: &mut RawRow, errors: &mut Vec<RowError>) {
    for range in ranges {
        let mut covered: Vec<(u32, Column)> = columns
            .iter()
            .filter(|(col, _)| range.first_col <= **col && **col <= range.last_col)
            .map(|(col, column)| (*col, *column))
            .collect();
        covered.sort();
        let Some(&(_, first)) = covered.first() else {
            continue;
        };

        let area = format!(
            "{}{}:{}{}",
            column_letter(range.first_col),
            excel_row(range.first_row),
            column_letter(range.last_col),
            excel_row(range.last_row)
        );
        errors.push(RowError {
            row: row.row,
            column: first.header().to_owned(),
            message: Text::new(
                format!(
                    "单元格 {area} 是合并单元格，请取消合并，并在每一行分别填写“{}”",
                    first.header()
                ),
                format!(
                    "Cells {area} are merged; unmerge them and fill in {} on every row",
                    first.spec().english
                ),
            ),
            duplicate: false,
        });
        for (_, column) in covered {
            row.set(column, RawCell::Rejected);
        }
    }
}
