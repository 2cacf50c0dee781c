import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

/** A Component picker over the catalog; free text is accepted too (the backend checks it). */
export function EntityPicker(props: {
  id: string;
  label: string;
  helperText: string;
  value: string;
  onChange: (ref: string) => void;
}) {
  const catalogApi = useApi(catalogApiRef);
  const { value: options } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items.map(e => stringifyEntityRef(e)).sort();
  }, [catalogApi]);
  return (
    <Autocomplete
      id={props.id}
      freeSolo
      options={options ?? []}
      value={props.value || null}
      onChange={(_, v) => props.onChange(v ?? '')}
      inputValue={props.value}
      onInputChange={(_, v, reason) => {
        // A reset to '' on mount must not clear a prefilled entity.
        if (reason !== 'reset' || v) props.onChange(v);
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          helperText={props.helperText}
          variant="outlined"
          margin="dense"
          fullWidth
        />
      )}
    />
  );
}
