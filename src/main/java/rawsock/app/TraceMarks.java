package rawsock.app;

/**
 * The marks traceroute prints after the time of a probe that drew a "destination unreachable"
 * (and "fragmentation needed" / "packet too big"): the same letters, so a trace reads the same
 * whichever tool made it.
 */
final class TraceMarks {
    private TraceMarks() {
    }

    /** ICMP destination unreachable (type 3), by code; "!code" for one traceroute has no letter for. */
    static String ipv4(int code) {
        switch (code) {
            case 0: case 6: case 8: case 11:
                return "!N";
            case 1: case 7: case 12:
                return "!H";
            case 2:
                return "!P";
            case 4:
                return "!F";
            case 5:
                return "!S";
            case 9: case 10: case 13:
                return "!X";
            case 14:
                return "!V";
            case 15:
                return "!C";
            default:
                return "!" + code;
        }
    }

    /** ICMPv6 destination unreachable (type 1), by code. */
    static String ipv6(int code) {
        switch (code) {
            case 0:
                return "!N";
            case 1: case 5: case 6:
                return "!X";
            case 2:
                return "!S";
            case 3:
                return "!H";
            default:
                return "!" + code;
        }
    }

    /** "Fragmentation needed" (ICMP) or "packet too big" (ICMPv6): the probe was larger than a link's MTU. */
    static final String TOO_BIG = "!F";
}
