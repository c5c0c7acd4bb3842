// Writes users as fast as it can until told to stop (a file appears), printing how many it committed.
import fs from "node:fs";
import Database from "better-sqlite3";

const [file, stopFile] = process.argv.slice(2);
const db = new Database(file!);
db.pragma("busy_timeout = 5000");
const insert = db.prepare("insert into users (email, name) values (?, ?)");
let n = 0;
const started = Date.now();
while (!fs.existsSync(stopFile!) && Date.now() - started < 30_000) {
  db.transaction(() => {
    for (let i = 0; i < 20; i++) insert.run(`w${process.pid}-${n++}@example.org`, "Writer");
  })();
}
console.log(n);
