#!/usr/bin/env python3
"""Writes a classic pcap (Ethernet, nanosecond timestamps) of N packets for `scripts/bench offline`:
UDP, TCP and ICMP over IPv4 and UDP over IPv6 in turn, 60 to 300 bytes, addresses from the
documentation ranges. Usage: make-capture.py N FILE"""
import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(proto, payload, i):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), i & 0xFFFF, 0x4000, 64, proto, 0,
                         bytes([192, 0, 2, 1 + i % 200]), bytes([198, 51, 100, 2]))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return b"\x08\x00", header + payload


def packet(i):
    body = bytes((i + k) & 0xFF for k in range(20 + i % 240))
    kind = i % 4
    if kind == 0:
        return ipv4(17, struct.pack("!HHHH", 40000 + i % 1000, 53, 8 + len(body), 0) + body, i)
    if kind == 1:
        return ipv4(6, struct.pack("!HHIIBBHHH", 50000 + i % 1000, 443, i, 0, 0x50, 0x18, 65535, 0, 0) + body, i)
    if kind == 2:
        return ipv4(1, struct.pack("!BBHHH", 8, 0, 0, 7, i & 0xFFFF) + body, i)
    udp = struct.pack("!HHHH", 40000 + i % 1000, 9999, 8 + len(body), 0) + body
    header = struct.pack("!IHBB16s16s", 0x60000000, len(udp), 17, 64,
                         bytes.fromhex("20010db8000000000000000000000001"),
                         bytes.fromhex("20010db8000000000000000000000002"))
    return b"\x86\xdd", header + udp


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 262144, 1))
        for i in range(n):
            ethertype, ip = packet(i)
            frame = bytes.fromhex("020000000002020000000001") + ethertype + ip
            ts = 1_700_000_000 * 1_000_000_000 + i * 1000
            f.write(struct.pack("<IIII", ts // 1_000_000_000, ts % 1_000_000_000, len(frame), len(frame)))
            f.write(frame)


main()
