; Task switching: the only place one kernel stack is exchanged for another.
;
; sched_switch_stacks(uint32_t *save_esp, uint32_t new_esp) pushes the
; callee-saved registers on the current stack, stores the stack pointer in
; *save_esp, loads new_esp and pops the next task's callee-saved registers;
; its `ret` resumes that task where it last called sched_switch_stacks (or,
; for a new task, at the resume address sched_task_init placed there).
;
;   new_esp -> [edi][esi][ebx][ebp][return address]

section .text
global sched_switch_stacks
sched_switch_stacks:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; A new process task starts here: finish the switch in C, then leave for
; user mode through the trapframe its creator built at the top of its stack.
global sched_user_entry
extern sched_after_switch, trap_return
sched_user_entry:
	call sched_after_switch
	jmp trap_return
