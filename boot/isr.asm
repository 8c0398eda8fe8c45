; TalOS interrupt entry stubs.
;
; One stub per vector (0-31 CPU exceptions, 32-47 PIC IRQs, 128 syscalls).
; Each makes the stack look the same whether or not the CPU pushed an error
; code, saves every register into a struct trapframe (kernel/trap.h) and calls
; trap_dispatch(tf). trap_return restores the (possibly modified) frame and
; irets, which is also how a new process first enters user mode.

section .text
extern trap_dispatch

; Exceptions where the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30.
%macro STUB_ERR 1
global isr%1
isr%1:
	push dword %1
	jmp trap_common
%endmacro

%macro STUB_NOERR 1
global isr%1
isr%1:
	push dword 0
	push dword %1
	jmp trap_common
%endmacro

%assign v 0
%rep 48
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
	STUB_ERR v
%else
	STUB_NOERR v
%endif
%assign v v+1
%endrep
	STUB_NOERR 128

trap_common:
	push ds
	push es
	push fs
	push gs
	pushad
	mov ax, 0x10                   ; kernel data segment
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	push esp                       ; struct trapframe *
	cld
	call trap_dispatch
	add esp, 4
global trap_return
trap_return:
	popad
	pop gs
	pop fs
	pop es
	pop ds
	add esp, 8                     ; vector and error code
	iretd

; The table of stub addresses, read by idt_init().
section .rodata
global isr_stub_table
isr_stub_table:
%assign v 0
%rep 48
	dd isr %+ v
%assign v v+1
%endrep
