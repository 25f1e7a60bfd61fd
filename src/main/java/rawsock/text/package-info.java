/**
 * Text that people type and tools print, below every other layer (it uses no rawsock package):
 * hexadecimal digits and bytes, whole numbers, dotted quads and IPv6 literals, each read by one
 * parser so that the command line, the filter and the readers agree. Where tools disagree (what 010 means) the caller
 * states its rule ({@link rawsock.text.LeadingZero}); nothing here consults a resolver.
 */
package rawsock.text;
