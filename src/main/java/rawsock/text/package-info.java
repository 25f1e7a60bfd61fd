/**
 * Text that people type and tools print, below every other layer (it uses no rawsock package):
 * hexadecimal digits, so parsing and printing agree everywhere.
 */
package rawsock.text;
