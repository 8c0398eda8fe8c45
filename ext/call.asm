; Entering extension code, and leaving it when an invocation is aborted.
;
; ext_enter saves the callee-saved registers and the stack pointer in the
; invocation record (struct invocation in ext/invoke.c, whose first field is
; recovery_esp), pushes the arguments and calls the extension (cdecl, as the
; verifier requires of every function). A trap that aborts the invocation
; points the interrupted EIP at ext_abort_landing, which drops every
; extension frame by restoring that stack pointer and returns from
; ext_enter as if the call had finished.

section .text
extern ext_active_inv

; uint32_t ext_enter(struct invocation *inv, uint32_t entry, const uint32_t *args, uint32_t nargs)
global ext_enter
ext_enter:
	push ebp
	push ebx
	push esi
	push edi
	mov ebp, esp
	mov eax, [ebp + 20]            ; inv
	mov [eax], esp                 ; inv->recovery_esp
	mov esi, [ebp + 28]            ; args
	mov ecx, [ebp + 32]            ; nargs
.push:
	test ecx, ecx
	jz .call
	dec ecx
	push dword [esi + ecx * 4]
	jmp .push
.call:
	call [ebp + 24]
	mov esp, ebp
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

global ext_abort_landing
ext_abort_landing:
	mov eax, [ext_active_inv]
	mov esp, [eax]                 ; back to ext_enter's frame
	xor eax, eax
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret
