export { AppHeader } from "./AppHeader";
