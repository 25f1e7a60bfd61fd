/**
 * What {@code recv} prints and what {@code send --stdin-hex / --read-pcap} reads.
 *
 * <ul>
 *   <li>{@link rawsock.output.PacketWriters#create} makes a {@link rawsock.output.PacketWriter}
 *       for an {@link rawsock.output.OutputFormat}: {@link rawsock.output.TextWriter},
 *       {@link rawsock.output.HexWriter}, {@link rawsock.output.JsonWriter} (NDJSON through
 *       jackson-core) or {@link rawsock.output.PcapWriter} (classic pcap, nanosecond magic,
 *       little-endian). Each class comment is the exact format.
 *   <li>Writers see only the capture metadata, the bytes (never moved) and the decoded layers.
 *       caplen is the number of bytes handed over; len is the metadata's wire length, never
 *       less than caplen. A layer that throws is shown as undecodable, never propagated.
 *   <li>Writers buffer in one reused array; with {@code flushEachPacket} each packet is written
 *       and the stream flushed before {@code write} returns. Stream errors (a closed pipe) are
 *       IOExceptions from write/flush/close, for the caller to turn into a quiet exit 0.
 *   <li>Timestamps are RFC 3339 in UTC with nanoseconds ({@link rawsock.output.Rfc3339}).
 *   <li>{@link rawsock.output.PcapReader} and {@link rawsock.output.HexLineReader} raise only
 *       IOExceptions ({@link rawsock.output.PcapFormatException},
 *       {@link rawsock.output.HexFormatException} for bad input, with its position), whatever
 *       the bytes.
 * </ul>
 */
package rawsock.output;
