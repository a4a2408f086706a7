/* null-daemon.c — the floor under any daemon measured with ../shared/perf's Python driver: speaks the driver's
 * NUL-framed JSON on a Unix socket and answers each call at once, with no work and no disk, with a reply of the
 * size StreetFlow's has (the driver parses every reply, so its size is part of the driver's cost). What the driver
 * reaches against it is the most any daemon can show on this machine with that driver.
 * usage: null-daemon SOCKET [REPLY_BYTES=895]   (state names follow the plaque flow, so the driver's checks pass) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: null-daemon SOCKET [REPLY_BYTES]\n"); return 2; }
    int size = argc > 2 ? atoi(argv[2]) : 895;
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, argv[1], sizeof address.sun_path - 1);
    unlink(argv[1]);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 64)) { perror("bind"); return 1; }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    static char input[1 << 16], reply[1 << 16];
    for (;;) {
        struct epoll_event ready[64];
        int n = epoll_wait(poller, ready, 64, -1);
        for (int i = 0; i < n; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int connection = accept(listener, 0, 0);
                struct epoll_event e = {.events = EPOLLIN, .data.fd = connection};
                epoll_ctl(poller, EPOLL_CTL_ADD, connection, &e);
                continue;
            }
            ssize_t got = read(fd, input, sizeof input - 1);
            if (got <= 0) { close(fd); continue; }
            input[got] = 0;
            int calls = 0;
            for (ssize_t k = 0; k < got; k++) calls += input[k] == 0;
            const char *state = strstr(input, "\"forward\"") ? "street-review"
                : strstr(input, "\"approve\"") ? "approved" : strstr(input, "\"reject\"") ? "rejected" : "office-review";
            int length = snprintf(reply, sizeof reply, "{\"parameters\":{\"instance\":{\"id\":\"PA-20261204-NULL1\",\"state\":\"%s\",\"pad\":\"", state);
            while (length < size - 5 && length < (int)sizeof reply - 8) reply[length++] = 'x';
            length += snprintf(reply + length, sizeof reply - length, "\"}}}");
            for (int k = 0; k < calls; k++) write(fd, reply, length + 1);
        }
    }
}
