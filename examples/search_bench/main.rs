//! Measures the directory search index on generated resources.
//!
//! Run, in release mode:
//!
//! ```text
//! cargo run --release --features ssr --example search_bench -- [documents] [runs]
//! ```
//!
//! Names follow real patterns (county + 科技馆, company + 研学基地, …) over
//! the real GB/T 2260 counties in `reference-data/regions`. Prints the
//! build time, the index's own memory estimate, the index allocates, and p50/p95/p99 latency of typical
//! queries.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use xieyu::calendar::data::china_calendar;
use xieyu::resources::model::{FeeKind, ResourceType, Stage, Theme};
use xieyu::search::{GeoPoint, OpenOn, Query, SearchIndex, SortOrder};

mod generate;

/// Bytes currently allocated on the heap, counted by [`CountingAllocator`].
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting live bytes so the benchmark can report
/// what the index holds.
struct CountingAllocator;

// SAFETY: every call is forwarded unchanged to `System`; only a counter is
// updated besides.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(pointer, layout) };
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
            ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn mebibytes(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(300);

    // Build the shared pinyin table first, so it is not counted as index.
    drop(SearchIndex::build(generate::documents(1)));
    let heap_before = ALLOCATED.load(Ordering::Relaxed);

    let documents = generate::documents(count);
    let sample_name = documents[count / 2].name.clone();
    let city_scope = format!("{}00", &documents[count / 3].region_code[..4]);

    let started = Instant::now();
    let index = SearchIndex::build(documents);
    let build = started.elapsed();
    let heap_index = ALLOCATED.load(Ordering::Relaxed).saturating_sub(heap_before);

    println!("documents: {count}");
    println!("build: {:.2} s", build.as_secs_f64());
    println!("heap held by the index: {:.1} MiB", mebibytes(heap_index));
    println!("index's own estimate: {:.1} MiB", mebibytes(index.memory_estimate()));

    let calendar = china_calendar();
    let open_on = OpenOn {
        date: NaiveDate::from_ymd_opt(2025, 10, 6).expect("valid date"),
        calendar,
    };
    let school = GeoPoint::new(31.23, 121.47);
    let text = |text: &str| Query {
        text: text.into(),
        ..Query::default()
    };

    let cases: Vec<(String, Query)> = vec![
        ("科技".into(), text("科技")),
        ("博物馆".into(), text("博物馆")),
        ("kjg".into(), text("kjg")),
        ("kejiguan".into(), text("kejiguan")),
        ("ke ji guan".into(), text("ke ji guan")),
        (format!("full name {sample_name}"), text(&sample_name)),
        (
            "少年宫 in a city".into(),
            Query {
                region_scope: Some(city_scope.clone()),
                ..text("少年宫")
            },
        ),
        (
            "科技 + type + theme + stage".into(),
            Query {
                resource_types: vec![ResourceType::ScienceCentre, ResourceType::Museum],
                themes: vec![Theme::ScienceInquiry],
                stages: vec![Stage::JuniorSecondary],
                ..text("科技")
            },
        ),
        (
            "博物馆 open on 2025-10-06".into(),
            Query {
                open_on: Some(open_on),
                ..text("博物馆")
            },
        ),
        (
            "bwg by distance".into(),
            Query {
                origin: school,
                sort: SortOrder::Distance,
                ..text("bwg")
            },
        ),
        (
            "no text, city + free, newest".into(),
            Query {
                region_scope: Some(city_scope),
                fees: vec![FeeKind::Free],
                sort: SortOrder::Newest,
                ..Query::default()
            },
        ),
        ("worst case: one character 馆".into(), text("馆")),
        ("worst case: one letter k".into(), text("k")),
        (
            "no text, open on date, page 5".into(),
            Query {
                open_on: Some(open_on),
                page: 5,
                ..Query::default()
            },
        ),
    ];

    let mut all = Vec::new();
    println!(
        "\n{:<40} {:>8} {:>9} {:>9} {:>9}",
        "query", "total", "p50 ms", "p95 ms", "p99 ms"
    );
    for (label, query) in &cases {
        let total = index.search(query).total;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            std::hint::black_box(index.search(std::hint::black_box(query)));
            times.push(started.elapsed());
        }
        all.extend_from_slice(&times);
        let [p50, p95, p99] = percentiles(&mut times);
        println!("{label:<40} {total:>8} {p50:>9.3} {p95:>9.3} {p99:>9.3}");
    }
    let [p50, p95, p99] = percentiles(&mut all);
    println!("{:<40} {:>8} {p50:>9.3} {p95:>9.3} {p99:>9.3}", "all queries", "");
}

/// p50, p95 and p99 in milliseconds.
fn percentiles(times: &mut [Duration]) -> [f64; 3] {
    times.sort_unstable();
    [0.50, 0.95, 0.99].map(|quantile| {
        let index = ((times.len() as f64 * quantile).ceil() as usize).saturating_sub(1);
        times.get(index).map_or(0.0, |time| time.as_secs_f64() * 1000.0)
    })
}
