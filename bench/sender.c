/*
 * bench/sender.c: the C reference sender for scripts/bench. Loopback only: the destination is
 * always 127.0.0.1, and there is no option to choose another.
 *
 * icmp mode sends the packet that `rawsock send -p icmp -d 127.0.0.1 --size N` sends: an ICMP
 * echo request (type 8, code 0) with an identifier, a sequence number counting up from 1 and a
 * correct checksum, followed by N payload bytes 00 01 02 ... (byte i is i & 0xff); the kernel
 * writes the IPv4 header (raw socket, no IP_HDRINCL, DF clear: IP_PMTUDISC_DONT), as rawsock
 * does by default.
 * udp mode sends N-byte datagrams (same payload) from an ordinary UDP socket to 127.0.0.1:PORT.
 *
 *   sender icmp|udp sendto|sendmmsg COUNT SIZE [options]
 *     -i ID      ICMP identifier (default: pid & 0xffff)
 *     -p PORT    UDP destination port (udp mode, required)
 *     -r PPS     pace to about PPS packets/s (default: as fast as possible)
 *     -t SECONDS stop after this long even if COUNT is not reached (default 120)
 *
 * Prints one line on stdout: "sent=<packets> elapsed=<seconds> pps=<rate>" (its own claim;
 * scripts/bench counts with /proc/net/snmp instead). Exit 0 when all COUNT were sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_SIZE 65000

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* RFC 1071 over a buffer whose checksum field holds 0. */
static uint16_t checksum(const uint8_t *p, size_t len) {
    uint64_t sum = 0;
    size_t i = 0;
    for (; i + 1 < len; i += 2) {
        sum += (uint32_t) (p[i] << 8 | p[i + 1]);
    }
    if (i < len) {
        sum += (uint32_t) p[i] << 8;
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (uint16_t) ~sum;
}

/* RFC 1624 eqn. 3: checksum after one 16-bit word changed from old to new. */
static uint16_t update(uint16_t hc, uint16_t old, uint16_t new) {
    uint32_t sum = (uint16_t) ~hc + (uint16_t) ~old + new;
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t) ~sum;
}

static void put16(uint8_t *p, uint16_t v) {
    p[0] = v >> 8;
    p[1] = v & 0xff;
}

static uint16_t get16(const uint8_t *p) {
    return (uint16_t) (p[0] << 8 | p[1]);
}

/* Sets the sequence number of the ICMP message at p, adjusting its checksum. */
static void set_seq(uint8_t *p, uint16_t seq) {
    uint16_t old = get16(p + 6);
    put16(p + 6, seq);
    put16(p + 2, update(get16(p + 2), old, seq));
}

static void usage(void) {
    fprintf(stderr, "usage: sender icmp|udp sendto|sendmmsg COUNT SIZE [-i ID] [-p PORT] [-r PPS] [-t SECONDS]\n");
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        usage();
    }
    int icmp = strcmp(argv[1], "icmp") == 0;
    if (!icmp && strcmp(argv[1], "udp") != 0) {
        usage();
    }
    int mmsg = strcmp(argv[2], "sendmmsg") == 0;
    if (!mmsg && strcmp(argv[2], "sendto") != 0) {
        usage();
    }
    long count = atol(argv[3]);
    long size = atol(argv[4]);
    long id = getpid() & 0xffff, port = -1, pps = 0;
    double limit = 120;
    for (int i = 5; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "-i") == 0) {
            id = atol(argv[i + 1]);
        } else if (strcmp(argv[i], "-p") == 0) {
            port = atol(argv[i + 1]);
        } else if (strcmp(argv[i], "-r") == 0) {
            pps = atol(argv[i + 1]);
        } else if (strcmp(argv[i], "-t") == 0) {
            limit = atof(argv[i + 1]);
        } else {
            usage();
        }
    }
    if ((argc - 5) % 2 != 0 || count <= 0 || size < 0 || size > MAX_SIZE || id < 0 || id > 0xffff
            || (!icmp && (port < 1 || port > 65535)) || pps < 0 || limit <= 0) {
        usage();
    }

    struct sockaddr_in dst = {.sin_family = AF_INET};
    dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1, never anything else */
    dst.sin_port = icmp ? 0 : htons((uint16_t) port);

    int fd = icmp ? socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) : socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (fd < 0) {
        perror("socket");
        return 4;
    }
    if (icmp) {
        /* As rawsock without --df: no DF bit, the kernel may fragment (same IPv4 header). */
        int pmtu = IP_PMTUDISC_DONT;
        if (setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu, sizeof pmtu) < 0) {
            perror("setsockopt IP_MTU_DISCOVER");
            return 4;
        }
    }

    /* One buffer per batch slot: the sequence number differs per packet. */
    size_t len = (icmp ? 8 : 0) + (size_t) size;
    static uint8_t bufs[BATCH][8 + MAX_SIZE];
    for (int b = 0; b < BATCH; b++) {
        uint8_t *p = bufs[b];
        uint8_t *payload = p + (icmp ? 8 : 0);
        for (long i = 0; i < size; i++) {
            payload[i] = (uint8_t) i;
        }
        if (icmp) {
            p[0] = 8; /* echo request */
            p[1] = 0;
            put16(p + 2, 0);
            put16(p + 4, (uint16_t) id);
            put16(p + 6, 1);
            put16(p + 2, checksum(p, len));
        }
    }
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int b = 0; b < BATCH; b++) {
        iov[b].iov_base = bufs[b];
        iov[b].iov_len = len;
        msgs[b].msg_hdr.msg_name = &dst;
        msgs[b].msg_hdr.msg_namelen = sizeof dst;
        msgs[b].msg_hdr.msg_iov = &iov[b];
        msgs[b].msg_hdr.msg_iovlen = 1;
    }

    long sent = 0, errors = 0;
    double start = now(), deadline = start + limit;
    while (sent < count) {
        int n = mmsg ? (int) (count - sent < BATCH ? count - sent : BATCH) : 1;
        if (icmp) {
            for (int b = 0; b < n; b++) {
                set_seq(bufs[b], (uint16_t) (1 + sent + b));
            }
        }
        int done;
        if (mmsg) {
            done = sendmmsg(fd, msgs, (unsigned) n, 0);
        } else {
            done = sendto(fd, bufs[0], len, 0, (struct sockaddr *) &dst, sizeof dst) < 0 ? -1 : 1;
        }
        if (done < 0) {
            /* ENOBUFS and the like: count and retry, but give up on a persistent error. */
            if (++errors > 1000000) {
                perror(mmsg ? "sendmmsg" : "sendto");
                break;
            }
            if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
                perror(mmsg ? "sendmmsg" : "sendto");
                break;
            }
        } else {
            sent += done;
        }
        if ((sent & 1023) < (mmsg ? BATCH : 1) || pps > 0) {
            double t = now();
            if (t > deadline) {
                fprintf(stderr, "sender: time limit of %.0f s reached\n", limit);
                break;
            }
            if (pps > 0) {
                double due = start + (double) sent / pps;
                if (due > t + 0.0005) {
                    struct timespec ts = {(time_t) (due - t), (long) ((due - t - (time_t) (due - t)) * 1e9)};
                    nanosleep(&ts, NULL);
                }
            }
        }
    }
    double elapsed = now() - start;
    printf("sent=%ld elapsed=%.6f pps=%.0f\n", sent, elapsed, elapsed > 0 ? sent / elapsed : 0.0);
    close(fd);
    return sent == count ? 0 : 1;
}
