// Test-only: creates a document in a process whose queue has not been started yet
// (as under `next dev`), prints "created <status>" or "deadlock", exits.
import { prepareDatabase } from "@/lib/db/migrate";
import { extractionQueue, stopBackground } from "@/lib/jobs/runtime";
import { invoicePng } from "@/lib/jobs/test-helpers";
import { createDocument } from "@/lib/services/documents/create";
import { prepareUpload } from "@/lib/services/documents/prepare";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { getStorage } from "@/lib/storage";

const db = await prepareDatabase();
const user = await createUser({ db, input: { email: "cold@example.com", password: "longenough" } });
const space = await createSpace({ db, userId: user.id, input: { name: "Cold", templateId: "invoice" } });
const upload = await prepareUpload({ pages: [await invoicePng()] }, { maxImageBytes: 1e7, maxImagePixels: 4e7, maxPdfBytes: 1e7 });
const timer = setTimeout(() => {
  console.log("deadlock");
  process.exit(2);
}, 20_000);
const created = await createDocument({ db, queue: extractionQueue, storage: getStorage(), userId: user.id, input: { spaceId: space.id, upload } });
clearTimeout(timer);
console.log(`created ${created.status}`);
await stopBackground({ timeoutMs: 1000 });
process.exit(0);
