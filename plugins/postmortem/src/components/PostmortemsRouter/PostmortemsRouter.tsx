import { Route, Routes } from 'react-router-dom';
import { NewPostmortemPage } from '../NewPostmortemPage';
import { PostmortemEditor } from '../PostmortemEditor';
import { PostmortemsPage } from '../PostmortemsPage';

/** `/postmortems`, `/postmortems/new` and `/postmortems/{id}`. */
export function PostmortemsRouter() {
  return (
    <Routes>
      <Route path="/" element={<PostmortemsPage />} />
      <Route path="/new" element={<NewPostmortemPage />} />
      <Route path="/:id" element={<PostmortemEditor />} />
    </Routes>
  );
}
