; crt0: the entry point of every TalOS user program.
;
; The kernel starts a program at _start with the user stack laid out as a
; cdecl call frame without a return address (see setup_stack in
; kernel/proc.c):
;
;     esp -> [argc][argv] ... argv[0] .. argv[argc-1], NULL ... strings
;
; _start calls main(argc, argv) and passes its result to exit(), which
; flushes stdio and ends the process. Invariant: main is entered with the
; stack 16-byte aligned (what gcc's i386 code assumes) and EBP = 0, so a
; debugger's or a backtrace's walk of frame pointers stops here.

	bits 32
	section .text
	global _start
	extern main
	extern exit

_start:
	xor ebp, ebp
	mov eax, [esp]          ; argc
	mov edx, [esp + 4]      ; argv
	and esp, -16            ; align, then push 16 bytes of arguments
	sub esp, 8
	push edx
	push eax
	call main
	mov [esp], eax          ; exit(main's result); esp stays aligned
	call exit

	section .note.GNU-stack noalloc noexec nowrite progbits
