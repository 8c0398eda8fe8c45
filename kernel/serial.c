/*
 * COM1 driver. The receive ring buffer is written only by IRQ handlers
 * (COM1's and the keyboard's, which never nest) and read only with
 * interrupts disabled, so one index each side suffices.
 *
 * Invariant: no received byte is ever discarded. Input may be waiting in
 * the UART from power-on (an emulator feeds piped input as soon as the
 * receiver is free), and switching the FIFOs on or off empties the
 * receiver, so serial_init() never changes the FIFO mode it finds.
 */
#include "kernel/serial.h"
#include "kernel/pic.h"
#include "kernel/trap.h"
#include "kernel/tty.h"
#include "kernel/signal.h"
#include "kernel/x86.h"

#define COM1        0x3F8
#define REG_DATA    0      /* receive buffer / transmit holding (DLAB=0) */
#define REG_IER     1      /* interrupt enable (DLAB=0) */
#define REG_DLL     0      /* divisor latch low (DLAB=1) */
#define REG_DLM     1      /* divisor latch high (DLAB=1) */
#define REG_FCR     2      /* FIFO control */
#define REG_IIR     2      /* interrupt identification (read) */
#define REG_LCR     3      /* line control */
#define REG_MCR     4      /* modem control */
#define REG_LSR     5      /* line status */

#define LCR_8N1     0x03
#define LCR_DLAB    0x80
#define LSR_DATA    0x01   /* a received byte is waiting */
#define LSR_THRE    0x20   /* transmit holding register empty */
#define LSR_TEMT    0x40   /* transmitter completely idle */
#define IER_RX      0x01
#define IIR_FIFOS   0xC0   /* both bits set: the FIFOs are on */
#define FCR_ON_TRIGGER1 0x01   /* FIFOs stay on, nothing cleared, 1-byte trigger */
#define MCR_DTR_RTS_OUT2 0x0B  /* OUT2 gates the UART's IRQ line on PCs */

#define RX_SIZE 256

static char rx_buf[RX_SIZE];
static volatile uint32_t rx_head, rx_tail;  /* head: next write; tail: next read */
static bool rx_paused;                    /* receive interrupt off while the ring is full */

/*
 * Move the bytes the UART holds into the ring buffer. When the ring is
 * full, leave the rest in the UART and stop its receive interrupt: the
 * sender is then held back (an emulator stops feeding input) instead of
 * bytes being lost; serial_getc() resumes once there is room again.
 */
static void drain_rx(void)
{
	while (inb(COM1 + REG_LSR) & LSR_DATA) {
		uint32_t next = (rx_head + 1) % RX_SIZE;
		if (next == rx_tail) {
			rx_paused = true;
			outb(COM1 + REG_IER, 0);
			return;
		}
		char c = (char)inb(COM1 + REG_DATA);
		if (tty_signal_char(c))
			continue;               /* Ctrl-C, Ctrl-Z: a signal, not input */
		rx_buf[rx_head] = c;
		rx_head = next;
	}
}

/*
 * Program COM1 for 115200 baud, 8N1, receive interrupt off. Bytes already
 * received stay in the UART until serial_enable_rx_irq(). The FIFO mode is
 * kept: on a 16550, a write to FCR that turns the FIFOs on (or off) clears
 * the receiver, and a byte can arrive between any drain of ours and that
 * write (QEMU hands the next piped byte over as soon as one is read), so
 * it would be lost. If a loader left the FIFOs on (GRUB does), only the
 * receive trigger is set to 1 byte, which clears nothing.
 */
void serial_init(void)
{
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, LCR_DLAB);
	outb(COM1 + REG_DLL, 1);               /* 115200 / 1 */
	outb(COM1 + REG_DLM, 0);
	outb(COM1 + REG_LCR, LCR_8N1);
	if ((inb(COM1 + REG_IIR) & IIR_FIFOS) == IIR_FIFOS)
		outb(COM1 + REG_FCR, FCR_ON_TRIGGER1);
	outb(COM1 + REG_MCR, MCR_DTR_RTS_OUT2);
}

void serial_putc(char c)
{
	while ((inb(COM1 + REG_LSR) & LSR_THRE) == 0)
		;
	outb(COM1 + REG_DATA, (uint8_t)c);
}

void serial_flush(void)
{
	while ((inb(COM1 + REG_LSR) & LSR_TEMT) == 0)
		;
}

static void serial_irq(struct trapframe *tf)
{
	(void)tf;
	drain_rx();
	pic_eoi(IRQ_COM1);
	tty_input_ready();
}

void serial_enable_rx_irq(void)
{
	trap_set_handler(IRQ_BASE + IRQ_COM1, serial_irq);
	outb(COM1 + REG_IER, IER_RX);
	pic_unmask(IRQ_COM1);
}

int serial_getc(void)
{
	bool was = irq_save();
	int c = -1;
	if (rx_tail != rx_head) {
		c = (unsigned char)rx_buf[rx_tail];
		rx_tail = (rx_tail + 1) % RX_SIZE;
		if (rx_paused) {
			rx_paused = false;
			outb(COM1 + REG_IER, IER_RX);
			drain_rx();
		}
	}
	irq_restore(was);
	return c;
}

void serial_feed(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t next = (rx_head + 1) % RX_SIZE;
		if (next == rx_tail)
			return;
		if (tty_signal_char(s[i]))
			continue;               /* Ctrl-C, Ctrl-Z typed on the keyboard: a signal */
		rx_buf[rx_head] = s[i];
		rx_head = next;
	}
}
