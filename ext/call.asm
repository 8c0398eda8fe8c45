; Calling into extension code, and leaving it when an invocation is aborted.

section .text

; uint32_t ext_call_native(uint32_t entry, const uint32_t *args, uint32_t nargs)
;
; Push NARGS words of ARGS right to left and call ENTRY (cdecl, as the
; verifier requires of every function); return its EAX. The extension keeps
; ebx, esi, edi and ebp (verified), so only our own frame needs restoring.
global ext_call_native
ext_call_native:
	push ebp
	mov ebp, esp
	push esi
	mov esi, [ebp + 12]
	mov ecx, [ebp + 16]
.push:
	test ecx, ecx
	jz .call
	dec ecx
	push dword [esi + ecx * 4]
	jmp .push
.call:
	call [ebp + 8]
	lea esp, [ebp - 4]
	pop esi
	pop ebp
	ret

; A trap that aborts an invocation sets the interrupted EIP to here: the
; iret lands on the extension's stack, and we jump to the recovery point
; saved by ext_invoke, abandoning every extension frame above it.
global ext_abort_landing
extern ext_abort_jump
ext_abort_landing:
	call ext_abort_jump
