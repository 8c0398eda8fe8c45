; TalOS global descriptor table.
;
; Flat segments: every segment spans 0..4 GiB, so segmentation is a no-op
; and protection comes from paging and privilege levels. The selectors are
; fixed (kernel/gdt.h repeats them for C):
;
;   0x00 null | 0x08 kernel code | 0x10 kernel data
;   0x18 user code (DPL 3)       | 0x20 user data (DPL 3) | 0x28 TSS
;   0x30 plugin interface gate   | 0x38 plugin return gate
;   0x40 plugin code (DPL 1)     | 0x48 plugin data        | 0x50 plugin stack
;
; The TSS descriptor is zero until gdt_init_tss() fills it in (kernel/gdt.c);
; the plugin entries are zero until ext/plugin.c fills them (ext/plugin.h).

section .data
align 8
global gdt_table
gdt_table:
	dq 0                           ; null
	dq 0x00CF9A000000FFFF          ; kernel code: base 0, limit 4G, ring 0, exec/read
	dq 0x00CF92000000FFFF          ; kernel data: base 0, limit 4G, ring 0, read/write
	dq 0x00CFFA000000FFFF          ; user code:   ring 3, exec/read
	dq 0x00CFF2000000FFFF          ; user data:   ring 3, read/write
	dq 0                           ; TSS, filled at run time
	times 5 dq 0                   ; kernel plugins' gates and segments, filled at run time
gdt_end:

gdt_desc:
	dw gdt_end - gdt_table - 1
	dd gdt_table

section .text
; void gdt_load_boot(void): load the GDT and reload every segment register.
global gdt_load_boot
gdt_load_boot:
	lgdt [gdt_desc]
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	mov ss, ax
	jmp 0x08:.reload_cs
.reload_cs:
	ret
