/*
 * A C reference receiver for scripts/bench recv-burst: what a careful C program keeps of a burst.
 * One raw IPv4 socket of PROTO (default ICMP), a 32 MiB receive buffer (SO_RCVBUFFORCE, as root),
 * recvmsg in a loop, no output: it counts packets until COUNT have come or SECONDS have passed,
 * then prints "received=N drops=D" (D: the kernel's SO_RXQ_OVFL counter). Nothing is sent.
 *
 *   reader COUNT SECONDS [PROTO]
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <netinet/in.h>

#ifndef SO_RXQ_OVFL
#define SO_RXQ_OVFL 40
#endif

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: reader COUNT SECONDS [PROTO]\n");
        return 2;
    }
    long count = atol(argv[1]);
    double limit = atof(argv[2]);
    int proto = argc > 3 ? atoi(argv[3]) : IPPROTO_ICMP;
    int fd = socket(AF_INET, SOCK_RAW, proto);
    if (fd < 0) {
        perror("socket");
        return 3;
    }
    int size = 32 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);
    struct timeval wake = {0, 100000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wake, sizeof wake);
    static uint8_t buf[65536];
    static uint8_t control[256];
    uint32_t drops = 0;
    long received = 0;
    double deadline = now() + limit;
    while (received < count && now() < deadline) {
        struct iovec iov = {buf, sizeof buf};
        struct msghdr msg = {0};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        ssize_t n = recvmsg(fd, &msg, 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) {
                continue;
            }
            perror("recvmsg");
            return 4;
        }
        received++;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                memcpy(&drops, CMSG_DATA(c), sizeof drops);
            }
        }
    }
    printf("received=%ld drops=%u\n", received, drops);
    return 0;
}
