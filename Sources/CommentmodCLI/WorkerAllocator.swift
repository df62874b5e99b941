import CAllocator

/// How the worker's process asks glibc's allocator to treat a batch's large buffers.
///
/// A batch allocates and frees the same few large blocks over and over (the claim's rows, the write's
/// arrays of HTML). By default glibc maps each block of 128 KB or more on its own and unmaps it when it is
/// freed, and gives the top of its heap back to the kernel: each batch then faults its buffers in afresh,
/// about one page fault per five comments, which the kernel pays in the worker's CPU time. Kept in the
/// heap, the next batch reuses the same pages. The memory kept is what the largest batch needed, which the
/// batch size bounds.
enum WorkerAllocator {
    static func keepBatchBuffers() {
        // Blocks up to 32 MB come from the heap (a batch of 10,000 comments' HTML fits), and freed memory is
        // given back only beyond 64 MB.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        _ = mallopt(M_TOP_PAD, 16 << 20)
    }
}
