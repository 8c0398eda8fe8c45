/*
 * The 16550 UART on COM1: the primary console and the test channel.
 *
 * Transmit is polled (wait for the transmit-holding register to empty before
 * each byte: Bochs drops bytes otherwise); receive is interrupt-driven into a
 * ring buffer once serial_enable_rx_irq() has run; until then input waits
 * in the UART. No received byte is dropped: a full ring holds the sender
 * back, and the FIFO mode is never switched (that clears the receiver).
 */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include "kernel/kdefs.h"

/*
 * Program COM1 for 115200 baud, 8N1, keeping the FIFO mode the loader left
 * (changing it would discard received input). Safe before anything else.
 */
void serial_init(void);

/* Send one byte, waiting for the transmitter. */
void serial_putc(char c);

/* Wait until every byte sent has left the transmitter. */
void serial_flush(void);

/* Route COM1 receive interrupts (IRQ 4) into the input ring buffer. */
void serial_enable_rx_irq(void);

/* Next received byte, or -1 if none is buffered. Never blocks. */
int serial_getc(void);

/*
 * Add N bytes from another console input source (the PS/2 keyboard) to the
 * receive ring, after the bytes already there, as if they had arrived on
 * COM1. A keyboard cannot be held back, so bytes that find the ring full
 * are dropped. Call with interrupts off (from an IRQ handler).
 */
void serial_feed(const char *s, size_t n);

#endif /* KERNEL_SERIAL_H */
