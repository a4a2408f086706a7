/* slowsync.so: eatmydata's opposite. Every fsync/fdatasync does the real sync, then waits SLOWSYNC_US
 * microseconds (default 5000), so a fast VM disk behaves like a disk whose flush takes ~5 ms. Used with
 * LD_PRELOAD on both daemons of ../shared/perf/run.sh (see run.sh here and BENCHMARKS.md). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void slow(void) {
    const char *text = getenv("SLOWSYNC_US");
    long us = text ? atol(text) : 5000;
    struct timespec t = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&t, NULL);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    int result = real(fd);
    slow();
    return result;
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int result = real(fd);
    slow();
    return result;
}
