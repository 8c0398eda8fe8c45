; Kernel plugins: entering ring 1, and the two call gates that leave it
; (contract in ext/plugin.h).
;
; plugin_enter is the entry of every plugin export: ext_run calls it like
; any extension function, with the arguments pushed (cdecl), the recovery
; point set and the invocation current. It saves the callee-saved
; registers, records its stack pointer as the run's TSS.esp0 (ring0_esp),
; lets plugin_begin (ext/plugin.c) set up the run's ring-1 stack and state,
; and irets into ring 1 at the export's offset with interrupts enabled and
; IOPL 0. The plugin's function returns into its return stub, whose lcall
; through SEG_PLUGIN_RET reaches plugin_return: back on ring0_esp, it lets
; plugin_end undo the ring-1 state and returns the result to ext_run.
; plugin_gate is the interface gate: a stub's lcall with the interface
; number in eax, answered by plugin_iface (ext/plugin.c).
;
; Neither gate trusts what ring 1 left: they clear the flags (DF, TF, NT,
; AC), load the kernel's data segments before touching memory, and find
; the run through the current task, never through a plugin register.
; Field offsets are checked by _Static_assert in ext/plugin.c.

%define TASK_EXT_INV      8        ; struct task
%define INV_EXPORT        52       ; struct ext_invocation
%define INV_RING0_ESP     56
%define X_PLUGIN_EIP      36       ; struct ext_export
%define SEG_KDATA         0x10     ; kernel/gdt.h
%define SEL_CODE          0x41     ; talos/plugin.h: plugin segments, RPL 1
%define SEL_DATA          0x49
%define SEL_STACK         0x51
%define FLAGS_RING1       0x202    ; IF, IOPL 0, nothing else

section .text
extern sched_running
extern plugin_begin, plugin_end, plugin_iface
extern ext_abort_landing

; int plugin_enter(args...), called only by ext_run
global plugin_enter
plugin_enter:
	push ebp
	push ebx
	push esi
	push edi
	mov ebx, [sched_running]
	mov esi, [ebx + TASK_EXT_INV]
	mov [esi + INV_RING0_ESP], esp      ; traps and gates from ring 1 land below here
	lea eax, [esp + 20]                 ; the arguments ext_run pushed
	push eax
	push esi
	call plugin_begin
	add esp, 8
	test eax, eax
	jz .busy                            ; every stack slot in use: the run never starts
	mov edx, [esi + INV_EXPORT]
	cli                                 ; from here only the iret turns them back on
	push dword SEL_STACK                ; ss
	push eax                            ; esp
	push dword FLAGS_RING1              ; eflags
	push dword SEL_CODE                 ; cs
	push dword [edx + X_PLUGIN_EIP]     ; eip
	mov ax, SEL_DATA
	mov ds, ax
	mov es, ax
	xor eax, eax                        ; no kernel values leak into ring 1
	mov fs, ax
	mov gs, ax
	xor ebx, ebx
	xor ecx, ecx
	xor edx, edx
	xor esi, esi
	xor edi, edi
	xor ebp, ebp
	iretd
.busy:
	jmp ext_abort_landing               ; ext_aborted sees the run never went live

; The return gate: the plugin's function returned into its stub, result in eax.
global plugin_return
plugin_return:
	push dword FLAGS_RING1
	popfd
	mov ecx, SEG_KDATA
	mov ds, cx
	mov es, cx
	mov fs, cx
	mov gs, cx
	mov ebx, [sched_running]
	mov esi, [ebx + TASK_EXT_INV]
	mov esp, [esi + INV_RING0_ESP]      ; drop the gate's frame: back to plugin_enter's
	mov edi, eax
	push esi
	call plugin_end
	add esp, 4
	mov eax, edi
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; The interface gate: eax = interface number, the arguments on the plugin's stack.
global plugin_gate
plugin_gate:
	push dword FLAGS_RING1
	popfd
	push ds
	push es
	mov ecx, SEG_KDATA
	mov ds, cx
	mov es, cx
	push dword [esp + 16]               ; the plugin's esp (above: es, ds, eip, cs)
	push eax
	call plugin_iface
	add esp, 8
	pop es
	pop ds
	retf

; int plugin_probe_limit(void): read one byte beyond the limit of the data
; segment ext/plugin.c put in SEG_PLUGIN_DATA (limit 0). Returns 0 if the
; read went through; a processor that checks limits raises #GP at
; plugin_probe_read instead, and ext/plugin.c's handler resumes at
; plugin_probe_faulted, which returns 1.
global plugin_probe_limit, plugin_probe_read, plugin_probe_faulted
plugin_probe_limit:
	mov ax, SEL_DATA
	mov fs, ax
	xor eax, eax
plugin_probe_read:
	mov al, [fs:8]
	xor eax, eax
	jmp plugin_probe_out
plugin_probe_faulted:
	mov eax, 1
plugin_probe_out:
	mov cx, SEG_KDATA
	mov fs, cx
	ret
