; Non-local jumps inside the kernel: kjmp_save records the callee-saved
; registers, the stack pointer and the return address; kjmp_jump returns a
; second time from the matching kjmp_save with a nonzero value. The test
; runner uses them to end a failing test. A jump may only go up the stack to
; a frame that is still live.
;
; struct kjmp_buf layout (kernel/setjmp.h): ebx, esi, edi, ebp, esp, eip.

section .text

; int kjmp_save(struct kjmp_buf *buf): returns 0, or the value given to kjmp_jump.
global kjmp_save
kjmp_save:
	mov eax, [esp + 4]
	mov [eax + 0], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]             ; esp after our return
	mov [eax + 16], ecx
	mov ecx, [esp]                 ; our return address
	mov [eax + 20], ecx
	xor eax, eax
	ret

; void kjmp_jump(struct kjmp_buf *buf, int value): never returns.
global kjmp_jump
kjmp_jump:
	mov edx, [esp + 4]
	mov eax, [esp + 8]
	test eax, eax
	jnz .nonzero
	inc eax                        ; kjmp_save must see a nonzero value
.nonzero:
	mov ebx, [edx + 0]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	jmp [edx + 20]
