/**
 * {@code recv --filter EXPR}: a tcpdump-style filter language compiled to classic BPF for
 * {@code setsockopt(SOL_SOCKET, SO_ATTACH_FILTER)}.
 *
 * <p>Entry point: {@link rawsock.filter.FilterCompiler#compile(String, rawsock.filter.FilterTarget)}
 * (grammar, precedence and per-target header addressing are documented there), giving an immutable
 * {@link rawsock.filter.BpfProgram} or a one-line {@link rawsock.filter.FilterSyntaxException}.
 * Pure Java: no native calls and no name resolution; the socket option itself is set by
 * {@code rawsock.net}, which gets the struct sock_filter array from
 * {@link rawsock.filter.BpfProgram#toByteArray(java.nio.ByteOrder)} (native order).
 *
 * <p>Kernel limits besides {@link rawsock.filter.BpfProgram#MAX_INSTRUCTIONS}: the kernel converts
 * a classic program to eBPF (each packet load becomes about a dozen eBPF instructions) and charges
 * the result to the socket's option memory, so a program whose converted size exceeds
 * {@code net.core.optmem_max} (20 KiB before Linux 6.9, 128 KiB after) makes setsockopt fail with
 * ENOMEM. Measured on Linux 6.18 with 128 KiB: 80 ORed {@code host} primitives on a packet socket
 * (1283 instructions) load, 100 (1623) do not. Ordinary filters are far below either limit.
 */
package rawsock.filter;
