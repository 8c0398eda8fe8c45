; The dispatch path of the SafeX runtime: entering extension code, and
; leaving it when an invocation is aborted (contract of ext_run in ext/ext.h).
;
; ext_run saves the callee-saved registers and its stack pointer in the
; invocation record (recovery_esp), makes the record the current task's
; running invocation, pushes the arguments and calls the extension (cdecl,
; as the verifier requires of every function). The verifier guarantees a
; normal return preserves ebx, esi, edi and ebp, so the return path only
; counts the run. A trap or an interface that aborts the invocation sends
; the CPU to ext_abort_landing instead, which drops every extension frame by
; restoring recovery_esp and finishes in C (ext_aborted).
;
; Field offsets below are checked against the C structs by _Static_assert
; in ext/invoke.c.

%define INV_RECOVERY      0        ; struct ext_invocation
%define INV_ENTRY         4
%define INV_NARGS         8
%define INV_STACK_NEED    12
%define INV_TICKS_LEFT    16
%define INV_STATS         20
%define INV_RESULT        24
%define TASK_KSTACK       4        ; struct task
%define TASK_EXT_INV      8
%define STAT_INVOCATIONS  16       ; struct ext_stat
%define STAT_COMPLETED    20
%define EBUSY             16       ; talos/errno.h
%define ENOSPC            28

section .text
extern sched_running
extern ext_aborted

; int ext_run(struct ext_invocation *inv, const uint32_t *args, int reservation)
global ext_run
ext_run:
	push ebp
	push ebx
	push esi
	push edi
	mov esi, [esp + 20]                 ; inv
	mov ebx, [sched_running]
	cmp dword [ebx + TASK_EXT_INV], 0   ; one invocation per task at a time
	jne .busy
	mov eax, esp                        ; room left on this kernel stack
	sub eax, [ebx + TASK_KSTACK]
	cmp eax, [esi + INV_STACK_NEED]
	jb .nospace
	mov eax, [esp + 28]
	mov [esi + INV_TICKS_LEFT], eax     ; the reservation
	mov [esi + INV_RECOVERY], esp
	mov [ebx + TASK_EXT_INV], esi       ; from here the timer charges the run
	mov edx, [esp + 24]                 ; args, pushed last first
	mov ecx, [esi + INV_NARGS]
	jecxz .call
.push:
	push dword [edx + ecx * 4 - 4]
	loop .push
.call:
	call [esi + INV_ENTRY]
	mov esp, [esi + INV_RECOVERY]
	mov dword [ebx + TASK_EXT_INV], 0
	mov [esi + INV_RESULT], eax
	mov eax, [esi + INV_STATS]
	inc dword [eax + STAT_INVOCATIONS]
	inc dword [eax + STAT_COMPLETED]
	xor eax, eax                        ; EXT_OK
.out:
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret
.busy:
	mov eax, -EBUSY
	jmp .out
.nospace:
	mov eax, -ENOSPC
	jmp .out

; Reached, with any registers and stack, instead of the rest of an aborted
; run: from a trap's return (interrupts on, as they were in the extension)
; or from an interface. It is kernel code, so it is never preempted.
global ext_abort_landing
ext_abort_landing:
	mov ebx, [sched_running]
	mov esi, [ebx + TASK_EXT_INV]
	mov esp, [esi + INV_RECOVERY]       ; back to ext_run's frame
	mov dword [ebx + TASK_EXT_INV], 0
	push esi
	call ext_aborted
	add esp, 4
	jmp ext_run.out
