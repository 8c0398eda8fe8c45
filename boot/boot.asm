; TalOS boot: the Multiboot (v1) header and the 32-bit entry point.
;
; GRUB (or QEMU's -kernel loader) jumps to _start in protected mode with
; paging off, EAX = 0x2BADB002 and EBX = the physical address of the
; multiboot information. We load our own GDT (the loader's may be anywhere),
; switch to the boot stack and call kmain(magic, info). kmain never returns.

MB_MAGIC     equ 0x1BADB002
MB_PAGEALIGN equ 1 << 0            ; modules aligned on 4 KiB pages
MB_MEMINFO   equ 1 << 1            ; give us the memory map
MB_FLAGS     equ MB_PAGEALIGN | MB_MEMINFO
MB_CHECKSUM  equ -(MB_MAGIC + MB_FLAGS)

KSTACK_SIZE  equ 16384             ; keep equal to PARAM_KSTACK_SIZE

section .multiboot
align 4
	dd MB_MAGIC
	dd MB_FLAGS
	dd MB_CHECKSUM

section .bss
align 16
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	resb KSTACK_SIZE
boot_stack_top:

section .text
global _start
extern kmain, gdt_load_boot

_start:
	cli
	mov esp, boot_stack_top
	xor ebp, ebp                   ; a zero frame pointer ends backtraces
	push ebx                       ; multiboot info (physical = virtual)
	push eax                       ; multiboot magic
	call gdt_load_boot
	call kmain
.hang:
	cli
	hlt
	jmp .hang
