//! Census tests on whole files: real museums, broken rows, both formats,
//! the template and export round trips, limits and mutated files.

mod fixtures;
mod formats;
mod real_data;
mod robustness;
mod round_trips;
