//! planlint's entry point: parse arguments, run the command, turn the outcome into an exit code
//! (0 no error findings, 1 error findings, 2 could not do the job).

use clap::Parser;
use planlint::cli::Cli;
use std::process::ExitCode;

/// Loading a plan is allocation-heavy (TOML tree, JSON value for the schema, the typed model,
/// all in parallel): mimalloc halves the wall time of a 1,000-plan check against glibc's malloc.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// No transparent huge pages for this process (Linux). mimalloc asks for them, and where the
/// kernel compacts memory on demand (`defrag = madvise`, the common default) a fault on one can
/// stall while the kernel moves pages: a 1,000-plan check run after another program took 0.25 s
/// instead of 0.15 s, most of it in the kernel. With 4 KiB pages the run is steady and every
/// peak is a fifth lower (the report's 360 MB became 300 MB). Inherited by the git processes
/// planlint starts, which do not need them either.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only this process's flag;
    // it fails (returning -1) on kernels before 3.15, when the pages stay as they were
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// mimalloc's `mi_option_purge_delay` (its index in `mi_option_t`, mimalloc v3; the sys
/// crate names no constant for it). A test below holds it to the option's default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory a command frees goes back to the system at once, not a second later (mimalloc's
/// default): for the commands whose peak is the bar, not their speed. An export of 50,000
/// actions peaked at 71 MB instead of 100 (the sheets' rows are made and let go a plan at a
/// time), the report over 100 cycles at 261 MB instead of 294, each some 7% slower; a check
/// was 8% slower for a sixth less memory, so it keeps the default.
fn free_at_once() {
    // SAFETY: mi_option_set writes one of mimalloc's option slots, atomically; any value is valid
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    if matches!(
        cli.command,
        planlint::cli::Command::Export(_) | planlint::cli::Command::Report(_)
    ) {
        free_at_once();
    }
    match planlint::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            planlint::cli::term::error(e);
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index is mimalloc's purge delay: the only option whose default is 1000 (ms).
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(
                unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
                1000
            );
        }
        free_at_once();
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            0
        );
    }
}
