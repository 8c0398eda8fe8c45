/*
 * Kinds of kernel objects, shared by the kernel, libc, extensions and tools.
 * A handle names an object of one kind; in an extension, `cap K` is a
 * capability to an object of kind K.
 */
#ifndef TALOS_OBJECTS_H
#define TALOS_OBJECTS_H

#define OBJ_EXT        1   /* a loaded, verified extension */
#define OBJ_TASK       2   /* a process, as seen by extensions (statistics) */
#define OBJ_ATTRCLASS  3   /* Dionisys attribute class */
#define OBJ_SM         4   /* Dionisys service manager */
#define OBJ_CHANNEL    5   /* Dionisys event channel */
#define OBJ_MONITOR    6   /* Dionisys monitor */
#define OBJ_HANDLER    7   /* Dionisys handler */
#define OBJ_KINDS      8   /* one past the highest kind */

#endif /* TALOS_OBJECTS_H */
